package dev.strata.cache.management;

/**
 * What keeps one cache's L1 coherent with the cluster, seen from this JVM, registered beside the
 * JSR-107 statistics under {@code dev.strata.cache:type=CacheCoherence,CacheManager=<uri>,Cache=<name>}
 * whenever statistics are on. Counts run whether statistics are on or not.
 */
public interface CoherenceMXBean {

  /** @return entry events received from the cluster, this JVM's own writes included */
  long getInvalidationsReceived();

  /** @return invalidations from other writers that had an entry in L1 to drop */
  long getL1Drops();

  /** @return L1 entries dropped because the cluster changed (membership, migration, lost partitions, a merge, a reconnect) */
  long getL1DropsOnClusterChange();

  /** @return L1 hits refused because the entry had passed its staleness bound or expiry: those reads went to L2 */
  long getStaleHitsRefused();

  /** @return invalidation lags measured: the write on another JVM to the event here */
  long getInvalidationLagCount();

  /** @return the median invalidation lag in ms (an upper bound within a factor of two) */
  long getInvalidationLagP50();

  /** @return the 99th-percentile invalidation lag in ms (an upper bound within a factor of two) */
  long getInvalidationLagP99();

  /** @return the longest invalidation lag measured, in ms */
  long getInvalidationLagMax();

  /** @return keys and values read from the cluster that the serialization allow-list refused */
  long getRejectedPayloads();

  /** @return whether the staleness bound's lease holds now (always, in client mode, where each entry has its own deadline) */
  boolean isLeaseHeld();

  /** @return how long ago the lease was last renewed from, in ms; -1 if never, or in client mode */
  long getLeaseAgeMillis();

  /** @return times the lease emptied L1 or could not renew, all causes together */
  long getLeaseLapses();

  /** @return L1 entries dropped because the lease could not vouch for them */
  long getLeaseDrops();
}
