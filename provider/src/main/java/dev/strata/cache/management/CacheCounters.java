package dev.strata.cache.management;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The statistics of one {@code Cache} object: the operations of the JVM that owns it, as
 * {@link CacheStatisticsMXBean} promises, plus Strata's own counters (hits per tier, invalidations
 * received, L1 drops). Counting is a no-op while statistics are disabled. Thread-safe.
 */
public final class CacheCounters implements CacheStatisticsMXBean {

  private volatile boolean enabled;
  private volatile LongConsumer getLatency;

  private final LongAdder l1Hits = new LongAdder();
  private final LongAdder l2Hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();
  private final LongAdder invalidations = new LongAdder();
  private final LongAdder l1Drops = new LongAdder();
  private final LongAdder clusterDrops = new LongAdder();
  private final LongAdder staleRefused = new LongAdder();
  private final LagHistogram invalidationLag = new LagHistogram();
  private volatile LongConsumer lagRecorder;

  public void enabled(boolean on) {
    this.enabled = on;
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * Also reports the duration of every get, in nanoseconds, whether statistics are on or not (a
   * metrics timer, for instance); null stops it.
   */
  public void onGetLatency(LongConsumer recorder) {
    this.getLatency = recorder;
  }

  /** @return System.nanoTime() if anyone wants durations, else 0 (so that timing costs nothing) */
  public long start() {
    return enabled || getLatency != null ? System.nanoTime() : 0;
  }

  public void l1Hits(long n) {
    if (enabled) {
      l1Hits.add(n);
    }
  }

  public void l2Hits(long n) {
    if (enabled) {
      l2Hits.add(n);
    }
  }

  public void misses(long n) {
    if (enabled) {
      misses.add(n);
    }
  }

  public void puts(long n) {
    if (enabled) {
      puts.add(n);
    }
  }

  public void removals(long n) {
    if (enabled) {
      removals.add(n);
    }
  }

  public void getTime(long started) {
    if (started == 0) {
      return;
    }
    long nanos = System.nanoTime() - started;
    if (enabled) {
      getNanos.add(nanos);
    }
    LongConsumer recorder = getLatency;
    if (recorder != null) {
      recorder.accept(nanos);
    }
  }

  public void putTime(long started) {
    if (enabled && started != 0) {
      putNanos.add(System.nanoTime() - started);
    }
  }

  public void removeTime(long started) {
    if (enabled && started != 0) {
      removeNanos.add(System.nanoTime() - started);
    }
  }

  /** Counted whether or not statistics are on: they describe coherence, not the application. */
  public void invalidationReceived() {
    invalidations.increment();
  }

  public void l1Dropped() {
    l1Drops.increment();
  }

  /** Counts entries L1 dropped at once because the cluster changed. */
  public void clusterDropped(long entries) {
    clusterDrops.add(entries);
  }

  /** Counts an L1 entry found but not served: its staleness bound or expiry had passed. */
  public void staleHitRefused() {
    staleRefused.increment();
  }

  /** Records how long an invalidation took from the write on another JVM to its arrival here, in ms. */
  public void invalidationLag(long millis) {
    invalidationLag.record(millis);
    LongConsumer recorder = lagRecorder;
    if (recorder != null) {
      recorder.accept(millis);
    }
  }

  /** Also reports every invalidation lag (ms) to {@code recorder}, a metrics histogram for instance; null stops it. */
  public void onInvalidationLag(LongConsumer recorder) {
    this.lagRecorder = recorder;
  }

  /** @return the invalidation lags measured so far */
  public LagHistogram invalidationLag() {
    return invalidationLag;
  }

  public long clusterDrops() {
    return clusterDrops.sum();
  }

  public long staleHitsRefused() {
    return staleRefused.sum();
  }

  public long l1Hits() {
    return l1Hits.sum();
  }

  public long l2Hits() {
    return l2Hits.sum();
  }

  public long invalidationsReceived() {
    return invalidations.sum();
  }

  public long l1Drops() {
    return l1Drops.sum();
  }

  @Override
  public void clear() {
    for (LongAdder adder : new LongAdder[] {l1Hits, l2Hits, misses, puts, removals, evictions, getNanos, putNanos, removeNanos}) {
      adder.reset();
    }
  }

  @Override
  public long getCacheHits() {
    return l1Hits.sum() + l2Hits.sum();
  }

  @Override
  public float getCacheHitPercentage() {
    long gets = getCacheGets();
    return gets == 0 ? 0 : getCacheHits() * 100f / gets;
  }

  @Override
  public long getCacheMisses() {
    return misses.sum();
  }

  @Override
  public float getCacheMissPercentage() {
    long gets = getCacheGets();
    return gets == 0 ? 0 : getCacheMisses() * 100f / gets;
  }

  @Override
  public long getCacheGets() {
    return getCacheHits() + getCacheMisses();
  }

  @Override
  public long getCachePuts() {
    return puts.sum();
  }

  @Override
  public long getCacheRemovals() {
    return removals.sum();
  }

  @Override
  public long getCacheEvictions() {
    return evictions.sum();
  }

  @Override
  public float getAverageGetTime() {
    return average(getNanos, getCacheGets());
  }

  @Override
  public float getAveragePutTime() {
    return average(putNanos, getCachePuts());
  }

  @Override
  public float getAverageRemoveTime() {
    return average(removeNanos, getCacheRemovals());
  }

  /** @return microseconds per operation, as the MXBean specifies */
  private static float average(LongAdder nanos, long count) {
    return count == 0 ? 0 : (float) nanos.sum() / count / TimeUnit.MICROSECONDS.toNanos(1);
  }
}
