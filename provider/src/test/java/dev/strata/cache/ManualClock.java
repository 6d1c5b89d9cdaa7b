package dev.strata.cache;

import dev.strata.cache.internal.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that moves only when the test moves it: {@link #advance} moves the wall clock and
 * the monotonic clock together, as time passing does; {@link #stepWallClock} moves the wall clock
 * alone, as an NTP step or an operator does. Thread-safe.
 */
final class ManualClock implements Clock {

  private final AtomicLong now;
  private final AtomicLong nanos = new AtomicLong(1);

  /** Starts at the wall-clock time, so that records other nodes write on the system clock look current. */
  ManualClock() {
    this.now = new AtomicLong(System.currentTimeMillis());
  }

  @Override
  public long millis() {
    return now.get();
  }

  @Override
  public long nanos() {
    return nanos.get();
  }

  void advance(Duration duration) {
    now.addAndGet(duration.toMillis());
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(duration.toMillis()));
  }

  /** Sets the wall clock forward (or back, for a negative step) without time passing. */
  void stepWallClock(Duration step) {
    now.addAndGet(step.toMillis());
  }
}
