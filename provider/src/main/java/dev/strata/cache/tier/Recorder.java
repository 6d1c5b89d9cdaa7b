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

  /**
   * An L1 entry found but not served: its expiry had passed, or the staleness bound (the lease, or
   * the entry's own deadline without a stream) did not hold: an L2 read made to keep the bound.
   */
  void staleRefused();

  /** An entry event from the cluster, this JVM's own writes included. */
  void invalidationReceived();

  /** How long another JVM's write took to reach this JVM as an invalidation, in ms. */
  void invalidationLag(long millis);

  /** An invalidation, or a clear, that dropped what L1 held. */
  void l1Dropped();

  /** L1 entries dropped at once because the cluster changed. */
  void clusterDropped(long entries);

  /** L1 entries dropped at once because the lease found invalidations lost, late, or a partition moved. */
  void leaseDropped(long entries);

  /**
   * An L1 entry the lease could not vouch for, checked against L2: kept if L2 still holds the record
   * it stands for, replaced otherwise.
   */
  void revalidated(boolean kept);

  /** An entry L1 evicted to stay within its size bound; it stays in L2. */
  void l1Evicted();
}
