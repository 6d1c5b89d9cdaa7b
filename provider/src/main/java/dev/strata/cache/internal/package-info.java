/**
 * Plumbing below the tiers: the clock, the L2 record layout, and the Hazelcast instance with the
 * watch that tells every L1 when cluster events may have been lost.
 */
package dev.strata.cache.internal;
