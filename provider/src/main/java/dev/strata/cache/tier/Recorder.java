package dev.strata.cache.tier;

/**
 * What the tiered store reports as it works: which tier answered a read, and what coherence cost
 * this JVM's L1. The cache's own counters implement it and never hand it out, so nothing outside
 * the provider can change a count. Implementations are thread-safe and cheap: they run on every read.
 */
public interface Recorder {

  /** A read served from L1. */
  void l1Hit();

  /** A read served from L2. */
  void l2Hit();

  /** A read that found no live entry. */
  void miss();

  /** An L1 entry found but not served: its staleness bound or expiry had passed. */
  void staleRefused();

  /** An entry event from the cluster, this JVM's own writes included. */
  void invalidationReceived();

  /** How long another JVM's write took to reach this JVM as an invalidation, in ms. */
  void invalidationLag(long millis);

  /** An invalidation, or a clear, that dropped what L1 held. */
  void l1Dropped();

  /** L1 entries dropped at once because the cluster changed. */
  void clusterDropped(long entries);

  /** An entry L1 evicted to stay within its size bound; it stays in L2. */
  void l1Evicted();
}
