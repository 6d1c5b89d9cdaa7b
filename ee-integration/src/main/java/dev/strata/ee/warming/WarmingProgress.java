package dev.strata.ee.warming;

import dev.strata.ee.warming.WarmingStatus.State;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The progress of one warming of one cache, written by its thread and read by anyone. Thread-safe. */
final class WarmingProgress {

  private final String cacheName;
  private final LongSupplier nanoTime;
  private final long started;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong entries = new AtomicLong();
  private volatile long total = -1;
  private volatile State state = State.WARMING;
  private volatile long ended;
  private volatile String failure;

  WarmingProgress(String cacheName, LongSupplier nanoTime) {
    this.cacheName = cacheName;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
  }

  String cacheName() {
    return cacheName;
  }

  void total(long items) {
    total = items;
  }

  void advance(int items, int put) {
    done.addAndGet(items);
    entries.addAndGet(put);
  }

  void warm() {
    ended = nanoTime.getAsLong();
    state = State.WARM;
  }

  void failed(String reason) {
    ended = nanoTime.getAsLong();
    failure = reason;
    state = State.FAILED;
  }

  boolean running() {
    return state == State.WARMING;
  }

  WarmingStatus status() {
    State now = state;
    long end = now == State.WARMING ? nanoTime.getAsLong() : ended;
    return new WarmingStatus(cacheName, now, done.get(), total, entries.get(), Duration.ofNanos(end - started), failure);
  }
}
