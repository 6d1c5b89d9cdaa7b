package dev.strata.cache.management;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram of durations in nanoseconds, log-linear: eight buckets per power of two from 1 ns to
 * about 18 minutes, so that a percentile is read within 12.5 %. Recording is one {@link LongAdder}
 * increment: the many threads that read one cache, and so land in one bucket, do not contend on
 * a shared counter as they would on HdrHistogram's atomic arrays. For the get latency of a cache,
 * recorded on every get while statistics are on. Thread-safe.
 */
public final class LatencyHistogram {

  private static final int SUB_BITS = 3;
  private static final int SUB_BUCKETS = 1 << SUB_BITS;
  private static final int OCTAVES = 40;
  private static final int BUCKETS = (OCTAVES + 1) * SUB_BUCKETS;

  private final LongAdder[] counts = new LongAdder[BUCKETS];
  private final AtomicLong max = new AtomicLong();

  public LatencyHistogram() {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] = new LongAdder();
    }
  }

  /** Records one duration in ns; a negative one counts as 0. */
  public void record(long nanos) {
    long value = Math.max(0, nanos);
    counts[bucket(value)].increment();
    if (value > max.get()) {
      max.accumulateAndGet(value, Math::max);
    }
  }

  /** Values below 8 get a bucket each; above, octave {@code o} splits into eight equal buckets. */
  static int bucket(long value) {
    if (value < SUB_BUCKETS) {
      return (int) value;
    }
    int octave = 63 - Long.numberOfLeadingZeros(value) - SUB_BITS + 1;
    if (octave > OCTAVES) {
      return BUCKETS - 1;
    }
    int sub = (int) (value >>> (octave - 1)) & (SUB_BUCKETS - 1);
    return octave * SUB_BUCKETS + sub;
  }

  /** @return the largest value that falls in {@code bucket} */
  static long upperEdge(int bucket) {
    int octave = bucket / SUB_BUCKETS;
    int sub = bucket % SUB_BUCKETS;
    if (octave == 0) {
      return sub;
    }
    return ((long) (SUB_BUCKETS + sub + 1) << (octave - 1)) - 1;
  }

  /** @return how many durations were recorded */
  public long count() {
    long n = 0;
    for (LongAdder count : counts) {
      n += count.sum();
    }
    return n;
  }

  /** @return the longest duration recorded, in ns */
  public long max() {
    return max.get();
  }

  /**
   * @param quantile between 0 and 1, e.g. 0.99
   * @return that quantile in ns, as the upper edge of its bucket (within 12.5 %) and at most the max; 0 if none
   */
  public long percentile(double quantile) {
    long[] snapshot = new long[BUCKETS];
    long n = 0;
    for (int i = 0; i < BUCKETS; i++) {
      snapshot[i] = counts[i].sum();
      n += snapshot[i];
    }
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(quantile * n));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += snapshot[i];
      if (seen >= rank) {
        return Math.min(upperEdge(i), max());
      }
    }
    return max();
  }

  public void reset() {
    for (LongAdder count : counts) {
      count.reset();
    }
    max.set(0);
  }
}
