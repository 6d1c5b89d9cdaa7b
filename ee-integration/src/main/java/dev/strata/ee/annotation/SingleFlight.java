package dev.strata.ee.annotation;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lets concurrent cache misses on one key in one JVM run the method once: the first caller (the
 * leader) runs it, the others wait for its outcome — its result or its exception — up to a
 * timeout, after which each runs the method itself. The entry for a key exists only while its
 * leader runs. Beyond JSR-107. Thread-safe.
 */
public final class SingleFlight {

  /** What waiting callers do after the leader finished normally. */
  @FunctionalInterface
  public interface Call {
    Object run() throws Throwable;
  }

  private record FlightKey(String cacheName, Object key) {
  }

  private final ConcurrentMap<FlightKey, CompletableFuture<Object>> flights = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> waits = new ConcurrentHashMap<>();

  /**
   * Runs {@code leader} unless a call for the same cache and key is in flight, in which case
   * waits for that call and returns {@code follower.run()} (typically a cache read) or rethrows
   * the leader's exception.
   *
   * @param timeout how long to wait for another caller before running {@code leader} anyway
   */
  public Object run(String cacheName, Object key, Duration timeout, Call leader, Call follower) throws Throwable {
    FlightKey flightKey = new FlightKey(cacheName, key);
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> running = flights.putIfAbsent(flightKey, mine);
    if (running == null) {
      try {
        Object result = leader.run();
        mine.complete(result);
        return result;
      } catch (Throwable t) {
        mine.completeExceptionally(t);
        throw t;
      } finally {
        flights.remove(flightKey, mine);
      }
    }
    waits.computeIfAbsent(cacheName, name -> new LongAdder()).increment();
    try {
      Object leaderResult = running.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      Object own = follower.run();
      return own != null ? own : leaderResult;
    } catch (ExecutionException e) {
      throw e.getCause();
    } catch (TimeoutException e) {
      return leader.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  /** @return the number of keys with a call in flight now */
  public int inFlight() {
    return flights.size();
  }

  /** @return how many callers of a cache waited for another caller */
  public long waits(String cacheName) {
    LongAdder adder = waits.get(cacheName);
    return adder == null ? 0 : adder.sum();
  }
}
