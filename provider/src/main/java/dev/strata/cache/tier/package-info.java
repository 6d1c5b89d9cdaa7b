/**
 * The two tiers of a cache, the in-process {@code LocalTier} (L1) and the authoritative Hazelcast
 * {@code RemoteTier} (L2), the {@code TieredStore} that owns the protocol keeping them coherent, and
 * the {@code RepairingHandler} that applies what the cluster tells L1 and keeps its lease.
 */
package dev.strata.cache.tier;
