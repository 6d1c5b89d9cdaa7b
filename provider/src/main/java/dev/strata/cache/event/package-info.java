/** Delivery of JSR-107 cache entry events to listeners, in this JVM and across the cluster. */
package dev.strata.cache.event;
