package dev.strata.ee.annotation;

import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the {@code @CacheResult} calls that ran without their cache because L2 failed, per cache,
 * and logs a warning at most once a minute per cache, so an outage is seen without flooding the
 * log. Thread-safe.
 */
public final class DegradedCalls {

  private static final System.Logger LOG = System.getLogger(CacheInterception.class.getName());
  private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private record Counter(LongAdder calls, AtomicLong lastWarning) {
  }

  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

  /** Notes that a {@code @CacheResult} call of cache {@code cacheName} could not {@code what} through L2. */
  void failed(String cacheName, String what, RuntimeException e) {
    Counter counter = counters.computeIfAbsent(cacheName,
        name -> new Counter(new LongAdder(), new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS)));
    counter.calls().increment();
    long last = counter.lastWarning().get();
    long now = System.nanoTime();
    if (now - last >= WARN_EVERY_NANOS && counter.lastWarning().compareAndSet(last, now)) {
      LOG.log(Level.WARNING, "@CacheResult of cache ''{0}'' runs its method without the cache: a {1} failed, {2} reads and writes so far. {3}",
          cacheName, what, counter.calls().sum(), e.getMessage());
    }
  }

  /**
   * Notes that a {@code @CacheResult} call of cache {@code cacheName} answered with an expired value
   * because the method threw {@code failure} (stale-if-error); logged at most once a minute per cache.
   */
  void staleServed(String cacheName, Throwable failure) {
    Counter counter = counters.computeIfAbsent("stale:" + cacheName,
        name -> new Counter(new LongAdder(), new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS)));
    counter.calls().increment();
    long last = counter.lastWarning().get();
    long now = System.nanoTime();
    if (now - last >= WARN_EVERY_NANOS && counter.lastWarning().compareAndSet(last, now)) {
      LOG.log(Level.WARNING, "@CacheResult of cache ''{0}'' serves expired values (stale-if-error): its method "
          + "failed, {1} times so far. {2}", cacheName, counter.calls().sum(), String.valueOf(failure));
    }
  }

  /** @return how many {@code @CacheResult} reads and writes of cache {@code cacheName} L2 could not serve */
  public long count(String cacheName) {
    Counter counter = counters.get(cacheName);
    return counter == null ? 0 : counter.calls().sum();
  }
}
