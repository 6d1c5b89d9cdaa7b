package dev.strata.sample;

/**
 * The time the current request's thread has spent in the catalog database, and in the cache around
 * it, so that {@link ServerTiming} can report the time spent outside the database and the cache's share. A request runs on one thread from
 * its request filter to its response filter. Thread-confined.
 */
final class DatabaseTime {

  /** [0]: database, [1]: the cache's share of cached calls (their time outside the database) */
  private static final ThreadLocal<long[]> NANOS = ThreadLocal.withInitial(() -> new long[2]);

  private DatabaseTime() {
  }

  /** Starts counting for a new request on this thread. */
  static void reset() {
    long[] nanos = NANOS.get();
    nanos[0] = 0;
    nanos[1] = 0;
  }

  /** Adds the time since {@code started} ({@link System#nanoTime()}). */
  static void since(long started) {
    NANOS.get()[0] += System.nanoTime() - started;
  }

  /**
   * Adds the time of a cached call that began at {@code started} ({@link System#nanoTime()}) when
   * the database time was {@code databaseBefore}, less what it spent in the database: the cache's time.
   */
  static void cacheSince(long started, long databaseBefore) {
    long[] nanos = NANOS.get();
    nanos[1] += System.nanoTime() - started - (nanos[0] - databaseBefore);
  }

  /** @return the cache's time counted on this thread since {@link #reset()}, in ns */
  static long cacheNanos() {
    return NANOS.get()[1];
  }

  /** @return the database time counted on this thread since {@link #reset()}, in ns */
  static long nanos() {
    return NANOS.get()[0];
  }
}
