package dev.strata.cache.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Wall-clock time in milliseconds, injected so that tests can move time by hand. Expiry times are
 * wall-clock instants because they travel between JVMs inside L2 records.
 *
 * <p>{@link #coarseMillis} serves the L1 hit path, where reading the system clock would cost more
 * than the rest of the hit: it may lag {@link #millis} by up to {@link #coarseLag} ms, and callers
 * allow for that lag so that an entry is never served late. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Clock {

  /** The system clock, with a coarse clock ticking every millisecond for the hit path. */
  Clock SYSTEM = new SystemClock();

  /** @return the current time in epoch milliseconds */
  long millis();

  /** @return the current time, possibly up to {@link #coarseLag()} ms behind {@link #millis()} */
  default long coarseMillis() {
    return millis();
  }

  /** @return how far {@link #coarseMillis()} may lag behind {@link #millis()}, in ms */
  default long coarseLag() {
    return 0;
  }

  /** {@link System#currentTimeMillis()}, and a copy of it that one daemon thread refreshes every millisecond. */
  final class SystemClock implements Clock {
    private volatile long coarse = System.currentTimeMillis();
    private volatile boolean ticking;

    @Override
    public long millis() {
      return System.currentTimeMillis();
    }

    @Override
    public long coarseMillis() {
      if (!ticking) {
        startTicking();
      }
      return coarse;
    }

    @Override
    public long coarseLag() {
      // one tick, plus one for a ticker thread that runs late
      return 2;
    }

    private synchronized void startTicking() {
      if (ticking) {
        return;
      }
      coarse = System.currentTimeMillis();
      Thread ticker = new Thread(() -> {
        while (true) {
          coarse = System.currentTimeMillis();
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
      }, "strata-clock");
      ticker.setDaemon(true);
      ticker.start();
      ticking = true;
    }
  }
}
