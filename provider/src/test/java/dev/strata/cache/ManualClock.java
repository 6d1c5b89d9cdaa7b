package dev.strata.cache;

import dev.strata.cache.internal.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that moves only when the test moves it: {@link #advance} moves the wall clock and
 * the monotonic clock together, as time passing does; {@link #stepWallClock} moves the wall clock
 * alone, as an NTP step or an operator does. {@link #stallOtherThreads} models a stop-the-world
 * pause: until {@link #resumeOtherThreads}, any other thread that reads this clock (the lease's
 * renewals among them) waits, so only the test's thread runs on it. Thread-safe.
 */
final class ManualClock implements Clock {

  private final AtomicLong now;
  private final AtomicLong nanos = new AtomicLong(1);
  private final Object stall = new Object();
  private Thread running;

  /** Starts at the wall-clock time, so that records other nodes write on the system clock look current. */
  ManualClock() {
    this.now = new AtomicLong(System.currentTimeMillis());
  }

  @Override
  public long millis() {
    awaitTurn();
    return now.get();
  }

  @Override
  public long nanos() {
    awaitTurn();
    return nanos.get();
  }

  private void awaitTurn() {
    synchronized (stall) {
      while (running != null && running != Thread.currentThread()) {
        try {
          stall.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  void advance(Duration duration) {
    now.addAndGet(duration.toMillis());
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(duration.toMillis()));
  }

  /** Sets the wall clock forward (or back, for a negative step) without time passing. */
  void stepWallClock(Duration step) {
    now.addAndGet(step.toMillis());
  }

  /** From now on only the calling thread reads this clock; the others wait, as in a pause of the whole JVM. */
  void stallOtherThreads() {
    synchronized (stall) {
      running = Thread.currentThread();
    }
  }

  /** Ends what {@link #stallOtherThreads} began. */
  void resumeOtherThreads() {
    synchronized (stall) {
      running = null;
      stall.notifyAll();
    }
  }
}
