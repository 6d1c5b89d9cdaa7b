/** Plumbing shared by the other packages: the clock, the L2 record layout, the Hazelcast instance lifecycle. */
package dev.strata.cache.internal;
