package dev.strata.cache;

import dev.strata.cache.internal.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Clock} that moves only when the test moves it. Thread-safe. */
final class ManualClock implements Clock {

  private final AtomicLong now;

  /** Starts at the wall-clock time, so that records other nodes write on the system clock look current. */
  ManualClock() {
    this.now = new AtomicLong(System.currentTimeMillis());
  }

  @Override
  public long millis() {
    return now.get();
  }

  void advance(Duration duration) {
    now.addAndGet(duration.toMillis());
  }
}
