/** Keeps every JVM's L1 coherent with L2: entry events, membership, migration and reconnect handling. */
package dev.strata.cache.invalidation;
