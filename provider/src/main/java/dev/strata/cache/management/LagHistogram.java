package dev.strata.cache.management;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram of durations in milliseconds with power-of-two buckets (0, 1, 2–3, 4–7, ... up to
 * about 18 hours): small and lock-free, for the invalidation lag that every JVM measures for
 * every entry event. Percentiles are read as the upper edge of the bucket they fall in, so they
 * are upper bounds within a factor of two. Thread-safe.
 */
public final class LagHistogram {

  private static final int BUCKETS = 27;

  private final LongAdder[] counts = new LongAdder[BUCKETS];
  private final LongAdder total = new LongAdder();
  private final LongAdder sum = new LongAdder();
  private final AtomicLong max = new AtomicLong();

  public LagHistogram() {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] = new LongAdder();
    }
  }

  /** Records one duration; a negative one (clocks of two JVMs that disagree) counts as 0. */
  public void record(long millis) {
    long value = Math.max(0, millis);
    counts[bucket(value)].increment();
    total.increment();
    sum.add(value);
    max.accumulateAndGet(value, Math::max);
  }

  private static int bucket(long value) {
    return Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(value));
  }

  /** @return how many durations were recorded */
  public long count() {
    return total.sum();
  }

  /** @return the longest duration recorded, in ms */
  public long max() {
    return max.get();
  }

  /** @return the mean duration in ms, 0 if none */
  public double mean() {
    long n = count();
    return n == 0 ? 0 : (double) sum.sum() / n;
  }

  /**
   * @param quantile between 0 and 1, e.g. 0.99
   * @return an upper bound of that quantile in ms (the upper edge of its bucket, at most the max), 0 if none
   */
  public long percentile(double quantile) {
    long n = count();
    if (n == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(quantile * n);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i].sum();
      if (seen >= rank) {
        long upper = i == 0 ? 0 : (1L << i) - 1;
        return Math.min(upper, max());
      }
    }
    return max();
  }

  public void reset() {
    for (LongAdder count : counts) {
      count.reset();
    }
    total.reset();
    sum.reset();
    max.set(0);
  }
}
