/**
 * The two tiers of a cache, the in-process {@code LocalTier} (L1) and the authoritative Hazelcast
 * {@code RemoteTier} (L2), and the {@code TieredStore} that owns the protocol keeping them coherent.
 */
package dev.strata.cache.tier;
