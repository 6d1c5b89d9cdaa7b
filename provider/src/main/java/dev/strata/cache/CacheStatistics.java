package dev.strata.cache;

import java.util.function.LongConsumer;

/**
 * What one cache object has done in this JVM, read live: reads by the tier that answered them,
 * writes, and what keeping L1 coherent cost. Obtain it with {@link StrataCache#statistics()}.
 *
 * <p>The JSR-107 figures (hits, misses, puts, removals, evictions) are counted only while
 * statistics are on for the cache ({@code setStatisticsEnabled}, {@code enableStatistics}, or
 * {@code strata.cache.<name>.statistics}), and reset by the statistics MXBean's {@code clear()}.
 * The coherence figures (invalidations, L1 drops, stale refusals, lag, rejected payloads) are
 * always counted: they describe the cluster, not the application. Read-only and thread-safe;
 * each figure is read on its own, so two figures may be a moment apart.
 */
public interface CacheStatistics {

  /** @return whether the JSR-107 figures are being counted */
  boolean enabled();

  /** @return gets answered from this JVM's L1 */
  long l1Hits();

  /** @return gets answered from L2 (Hazelcast) */
  long l2Hits();

  /** @return gets answered from the cache, either tier */
  default long hits() {
    return l1Hits() + l2Hits();
  }

  /** @return gets that found no live entry */
  long misses();

  /** @return gets of either outcome */
  default long gets() {
    return hits() + misses();
  }

  /** @return hits per get, 0 to 1; 0 before the first get */
  default double hitRatio() {
    long gets = gets();
    return gets == 0 ? 0 : (double) hits() / gets;
  }

  /** @return the mean duration of a get, in microseconds; 0 before the first */
  float averageGetMicros();

  /** @return the distribution of get durations while statistics were on, since they were last cleared */
  Latency getLatency();

  /** @return the mean duration of a put, in microseconds; 0 before the first */
  float averagePutMicros();

  /** @return the mean duration of a removal, in microseconds; 0 before the first */
  float averageRemoveMicros();

  /** @return entries written */
  long puts();

  /** @return entries removed by the application (not expiries, not evictions) */
  long removals();

  /**
   * @return entries this JVM's L1 evicted to stay within {@code l1.max-size} or {@code l1.max-bytes};
   *     the entry stays in L2 and the next read fetches it again
   */
  long evictions();

  /**
   * @return entries L2 evicted, on any member, to stay within {@code l2.max-size} since this cache
   *     started on this JVM; each also left every JVM's L1, as any removal does
   */
  long l2Evictions();

  /** @return entry events received from the cluster, this JVM's own writes included */
  long invalidationsReceived();

  /** @return invalidations from other writers, and clears, that had something in L1 to drop */
  long l1Drops();

  /**
   * @return L1 entries no longer vouched for because the cluster changed (membership, migration,
   *     lost partitions, a merge, a reconnect): each is served again only once L2 confirmed it
   */
  long l1ClusterDrops();

  /**
   * @return L1 entries found but not served because their expiry had passed or the staleness bound
   *     did not hold (the lease had lapsed, or without a lease the entry's own deadline had passed):
   *     the L2 reads made to keep the bound
   */
  long staleHitsRefused();

  /** @return the staleness bound's lease on this JVM: whether it holds, its age, its lapses */
  LeaseStatus lease();

  /** @return the time from a write on another JVM to its invalidation reaching this one */
  Lag invalidationLag();

  /** @return keys and values read from the cluster that the serialization allow-list refused */
  long rejectedPayloads();

  /** @return entries in this JVM's L1 now */
  long l1Size();

  /** @return the bytes this JVM's L1 holds by its weights when {@code l1.max-bytes} bounds it; -1 otherwise */
  long l1Bytes();

  /** @return entries in L2 now, for the whole cluster (a round trip to it) */
  long l2Size();

  /** @return the policy the cache runs with, after configuration keys were applied */
  CachePolicy policy();

  /** @return refresh-ahead, single-flight and stale-if-error on this JVM, counted whether statistics are on or not */
  Loading loading();

  /**
   * Reports the duration of every get, in nanoseconds, to {@code recorder} (a metrics timer), whether
   * statistics are on or not; null stops it. One recorder at a time.
   */
  void onGetLatency(LongConsumer recorder);

  /** Reports every invalidation lag measured, in ms, to {@code recorder} (a histogram); null stops it. One at a time. */
  void onInvalidationLag(LongConsumer recorder);

  /**
   * Invalidation lags measured so far. Writer and reader clocks differ between machines: skew adds to it.
   *
   * @param count how many were measured
   * @param p50   the median, in ms (an upper bound within a factor of two)
   * @param p99   the 99th percentile, in ms (an upper bound within a factor of two)
   * @param max   the longest, in ms
   */
  record Lag(long count, long p50, long p99, long max) {
  }

  /**
   * Durations of gets (hits and misses, as {@link #averageGetMicros()} counts them).
   *
   * @param count how many gets were timed
   * @param p50   the median, in µs (within 12.5 %)
   * @param p99   the 99th percentile, in µs (within 12.5 %)
   * @param max   the longest, in µs
   */
  record Latency(long count, double p50, double p99, double max) {
  }

  /**
   * The staleness bound of a cache on this JVM. On an embedded member it is a lease on the members'
   * numbered invalidation stream: L1 serves entries while this JVM can show it has applied every
   * invalidation up to a recent instant, and an unchanged entry stays in L1. In client mode each
   * entry is served until {@code max-staleness} after its read ({@code streamed} false).
   *
   * @param streamed       whether the bound is a lease on the numbered stream
   * @param held           whether L1 may serve entries now
   * @param ageMillis      how long ago the lease's last renewal was asked for, in ms; -1 if never or not streamed
   * @param renewals       how many reconciliations with the members renewed it
   * @param lapses         how many times each cause emptied L1 or stopped a renewal: {@code gap} (lost
   *                       invalidations), {@code partition} (a partition moved or was lost), {@code late}
   *                       (invalidations not arrived a round later), {@code cluster} (membership,
   *                       migration, a reconnect, the first numbers), {@code unreachable} (members not answering)
   * @param entriesDropped L1 entries the lease could no longer vouch for (a repair): each is served again
   *                       only once L2 confirmed it, and replaced if it changed
   * @param entriesKept    unexpired L1 entries read while the lease did not hold, that L2 showed unchanged (kept)
   * @param entriesChanged unexpired L1 entries read while the lease did not hold, that L2 showed changed (replaced)
   */
  record LeaseStatus(boolean streamed, boolean held, long ageMillis, long renewals, java.util.Map<String, Long> lapses,
                     long entriesDropped, long entriesKept, long entriesChanged) {
  }

  /**
   * What this JVM did to keep values fresh without stampedes (issue 20's features), since the cache started.
   *
   * @param refreshesStarted      background reloads this JVM ran, having won the key's refresh lease in the cluster
   * @param refreshesDone         those that stored a new value
   * @param refreshesFailed       those that threw (the old value kept serving)
   * @param singleFlightWaits     computations of a key this JVM waited for because another JVM held its lease
   * @param singleFlightTakeovers waits that ended with this JVM computing the key itself: the holder's lease
   *                              ran out (it died or stalled), it found nothing, or the wait timed out
   * @param staleServes           reads answered with an expired value because its reload failed (stale-if-error)
   */
  record Loading(long refreshesStarted, long refreshesDone, long refreshesFailed, long singleFlightWaits,
                 long singleFlightTakeovers, long staleServes) {
  }
}
