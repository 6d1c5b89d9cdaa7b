/**
 * Hibernate ORM's second-level cache on Strata: what Strata learns from Hibernate's mapping, loaded
 * only when Hibernate is on the class path.
 */
package dev.strata.cache.hibernate;
