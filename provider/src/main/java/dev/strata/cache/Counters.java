package dev.strata.cache;

import dev.strata.cache.management.LagHistogram;
import dev.strata.cache.management.LatencyHistogram;
import dev.strata.cache.tier.Recorder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * The counts of one cache object. Recording is package-private, or reaches the tiered store as a
 * {@link Recorder} the cache never hands out; {@link CacheStatistics} is the public, read-only view.
 * JSR-107 figures count only while enabled; coherence figures always. Thread-safe.
 */
final class Counters implements Recorder {

  private volatile boolean enabled;
  private volatile LongConsumer getLatency;
  private volatile LongConsumer lagRecorder;

  private final LongAdder l1Hits = new LongAdder();
  private final LongAdder l2Hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LatencyHistogram getLatencies = new LatencyHistogram();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();
  private final LongAdder invalidations = new LongAdder();
  private final LongAdder l1Drops = new LongAdder();
  private final LongAdder clusterDrops = new LongAdder();
  private final LongAdder leaseDrops = new LongAdder();
  private final LongAdder revalidatedKept = new LongAdder();
  private final LongAdder revalidatedDropped = new LongAdder();
  private final LongAdder staleRefused = new LongAdder();
  private final LagHistogram lag = new LagHistogram();
  private final LongAdder l2Evictions = new LongAdder();
  private final LongAdder refreshesStarted = new LongAdder();
  private final LongAdder refreshesDone = new LongAdder();
  private final LongAdder refreshesFailed = new LongAdder();
  private final LongAdder flightWaits = new LongAdder();
  private final LongAdder flightTakeovers = new LongAdder();
  private final LongAdder staleServes = new LongAdder();

  void enabled(boolean on) {
    this.enabled = on;
  }

  boolean enabled() {
    return enabled;
  }

  void onGetLatency(LongConsumer recorder) {
    this.getLatency = recorder;
  }

  void onInvalidationLag(LongConsumer recorder) {
    this.lagRecorder = recorder;
  }

  /** @return System.nanoTime() if anyone wants durations, else 0 (so that timing costs nothing) */
  long start() {
    return enabled || getLatency != null ? System.nanoTime() : 0;
  }

  /** Counts a get: a hit in L2 when {@code found}, else a miss (conditional writes read the entry too). */
  void l2Read(boolean found) {
    if (found) {
      l2Hit();
    } else {
      miss();
    }
  }

  @Override
  public void l1Hit() {
    if (enabled) {
      l1Hits.increment();
    }
  }

  @Override
  public void l2Hit() {
    if (enabled) {
      l2Hits.increment();
    }
  }

  @Override
  public void miss() {
    if (enabled) {
      misses.increment();
    }
  }

  void puts(long n) {
    if (enabled) {
      puts.add(n);
    }
  }

  void removals(long n) {
    if (enabled) {
      removals.add(n);
    }
  }

  @Override
  public void l1Evicted() {
    if (enabled) {
      evictions.increment();
    }
  }

  void getTime(long started) {
    if (started == 0) {
      return;
    }
    long nanos = System.nanoTime() - started;
    if (enabled) {
      getNanos.add(nanos);
      getLatencies.record(nanos);
    }
    LongConsumer recorder = getLatency;
    if (recorder != null) {
      recorder.accept(nanos);
    }
  }

  void putTime(long started) {
    if (enabled && started != 0) {
      putNanos.add(System.nanoTime() - started);
    }
  }

  void removeTime(long started) {
    if (enabled && started != 0) {
      removeNanos.add(System.nanoTime() - started);
    }
  }

  @Override
  public void invalidationReceived() {
    invalidations.increment();
  }

  @Override
  public void invalidationLag(long millis) {
    lag.record(millis);
    LongConsumer recorder = lagRecorder;
    if (recorder != null) {
      recorder.accept(millis);
    }
  }

  @Override
  public void l1Dropped() {
    l1Drops.increment();
  }

  @Override
  public void clusterDropped(long entries) {
    clusterDrops.add(entries);
  }

  @Override
  public void leaseDropped(long entries) {
    leaseDrops.add(entries);
  }

  @Override
  public void revalidated(boolean kept) {
    (kept ? revalidatedKept : revalidatedDropped).increment();
  }

  @Override
  public void staleRefused() {
    staleRefused.increment();
  }

  /** Resets the JSR-107 figures, as the statistics MXBean's {@code clear()} asks. */
  void clear() {
    for (LongAdder adder : new LongAdder[] {l1Hits, l2Hits, misses, puts, removals, evictions, getNanos, putNanos,
        removeNanos}) {
      adder.reset();
    }
    getLatencies.reset();
  }

  long l1Hits() {
    return l1Hits.sum();
  }

  long l2Hits() {
    return l2Hits.sum();
  }

  long misses() {
    return misses.sum();
  }

  long puts() {
    return puts.sum();
  }

  long removals() {
    return removals.sum();
  }

  long evictions() {
    return evictions.sum();
  }

  long invalidations() {
    return invalidations.sum();
  }

  long l1Drops() {
    return l1Drops.sum();
  }

  long clusterDrops() {
    return clusterDrops.sum();
  }

  long leaseDrops() {
    return leaseDrops.sum();
  }

  long revalidatedKept() {
    return revalidatedKept.sum();
  }

  long revalidatedDropped() {
    return revalidatedDropped.sum();
  }

  long staleHitsRefused() {
    return staleRefused.sum();
  }

  CacheStatistics.Lag lag() {
    return new CacheStatistics.Lag(lag.count(), lag.percentile(0.5), lag.percentile(0.99), lag.max());
  }

  CacheStatistics.Latency getLatency() {
    return new CacheStatistics.Latency(getLatencies.count(), micros(getLatencies.percentile(0.5)),
        micros(getLatencies.percentile(0.99)), micros(getLatencies.max()));
  }

  private static double micros(long nanos) {
    return nanos / 1_000.0;
  }

  /** @return microseconds per get, as the statistics MXBean specifies */
  float averageGetMicros() {
    return average(getNanos, l1Hits() + l2Hits() + misses());
  }

  float averagePutMicros() {
    return average(putNanos, puts());
  }

  float averageRemoveMicros() {
    return average(removeNanos, removals());
  }

  private static float average(LongAdder nanos, long count) {
    return count == 0 ? 0 : (float) nanos.sum() / count / TimeUnit.MICROSECONDS.toNanos(1);
  }

  /** Counts an eviction from L2 somewhere in the cluster (always counted, as coherence figures are). */
  void l2Evicted() {
    l2Evictions.increment();
  }

  long l2Evictions() {
    return l2Evictions.sum();
  }

  /** Counts a background reload this JVM started, and how it ended: true stored, false threw. */
  void refreshStarted() {
    refreshesStarted.increment();
  }

  void refreshEnded(boolean stored) {
    (stored ? refreshesDone : refreshesFailed).increment();
  }

  void flightWait() {
    flightWaits.increment();
  }

  void flightTakeover() {
    flightTakeovers.increment();
  }

  void staleServe() {
    staleServes.increment();
  }

  CacheStatistics.Loading loading() {
    return new CacheStatistics.Loading(refreshesStarted.sum(), refreshesDone.sum(), refreshesFailed.sum(),
        flightWaits.sum(), flightTakeovers.sum(), staleServes.sum());
  }
}
