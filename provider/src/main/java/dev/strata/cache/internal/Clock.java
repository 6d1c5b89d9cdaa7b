package dev.strata.cache.internal;

import java.util.concurrent.TimeUnit;

/**
 * Time, injected so that tests can move it by hand. {@link #millis} is the wall clock: expiry
 * instants travel between JVMs inside L2 records, so they are wall-clock instants. {@link #nanos}
 * is monotonic: the staleness bound of L1 entries runs on it, so a wall-clock step cannot stretch
 * it. Both are read on the caller's thread, never kept by another thread, so that after a stall
 * (a stop-the-world pause, a frozen VM) the very first read already sees the time after it.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Clock {

  /** {@link System#currentTimeMillis()} and {@link System#nanoTime()}. */
  Clock SYSTEM = new SystemClock();

  /** @return the current time in epoch milliseconds */
  long millis();

  /**
   * @return a monotonic time in nanoseconds, always at least 1 (0 marks an L1 entry still pending);
   *     only differences between two readings mean anything. By default it follows {@link #millis()},
   *     which suits a clock that tests move by hand.
   */
  default long nanos() {
    return TimeUnit.MILLISECONDS.toNanos(millis());
  }

  /** The system clocks. */
  final class SystemClock implements Clock {
    /** Shifts {@link System#nanoTime()} so that {@link #nanos()} starts at 1 and stays positive for 292 years. */
    private static final long ORIGIN = System.nanoTime() - 1;

    @Override
    public long millis() {
      return System.currentTimeMillis();
    }

    @Override
    public long nanos() {
      return System.nanoTime() - ORIGIN;
    }
  }
}
