package dev.strata.chaos;

import java.util.List;

/**
 * A distribution of invalidation lags, in microseconds.
 *
 * @param count how many (write, other node) pairs were measured
 * @param p50Us the median
 * @param p90Us the 90th percentile
 * @param p99Us the 99th percentile
 * @param maxUs the largest
 */
public record Lag(long count, long p50Us, long p90Us, long p99Us, long maxUs) {

  static Lag of(List<Long> values) {
    if (values.isEmpty()) {
      return new Lag(0, 0, 0, 0, 0);
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Lag(sorted.length, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99), sorted[sorted.length - 1]);
  }

  /** The nearest-rank percentile. */
  private static long rank(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }

  @Override
  public String toString() {
    return count == 0 ? "no samples" : String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
        p50Us / 1000.0, p90Us / 1000.0, p99Us / 1000.0, maxUs / 1000.0, count);
  }
}
