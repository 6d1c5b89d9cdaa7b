package dev.strata.cache;

import dev.strata.cache.config.CacheSettings;
import dev.strata.cache.internal.Clock;
import dev.strata.cache.tier.Encoder;
import dev.strata.cache.tier.TieredStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Refresh-ahead, single-flight across the cluster and stale-if-error for one cache, for its
 * {@code CacheLoader} and for the CDI layer's {@code @CacheResult}:
 * <ul>
 *   <li>an entry older than {@code refresh-after} keeps serving while one background reload runs,
 *       once per entry version in the whole cluster: the JVM that wins the version's lease in L2
 *       reloads, the others do nothing; the lease is left to run out, so a JVM whose L1 still shows
 *       the old version a moment later does not reload it again;</li>
 *   <li>a computation of a missing key runs in one JVM at a time: the one holding the key's lease,
 *       renewed while it computes; the others poll L2 for its result until it appears, the lease
 *       ends (its holder died, stalled or found nothing: one of them takes over) or
 *       {@code single-flight.timeout} passes (they compute);</li>
 *   <li>a reload that fails may answer with the entry's last value up to {@code stale-if-error}
 *       past its expiry.</li>
 * </ul>
 * Reached through {@link StrataCache#freshness()}. Thread-safe.
 */
public final class Freshness<K, V> {

  private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final String cacheName;
  private final TieredStore<K> store;
  private final Encoder encoder;
  private final Clock clock;
  private final Counters counters;
  private final Supplier<ClusterFlights> flights;
  private final Duration refreshAfter;
  private final Duration staleIfError;
  private final Duration timeout;
  private final Duration lease;
  /** How long a caller waits for the cluster to answer a lease request ({@code l2.timeout}). */
  private final long l2TimeoutNanos;
  /** Keys this JVM has a refresh queued or running for: a hot key is handed to the executor once. */
  private final Set<K> refreshing = ConcurrentHashMap.newKeySet();
  private final RefreshedWrites<K, V> refreshedWrites;
  /** The L2 record a refresh running on this thread started from: its write replaces only that record. */
  private static final ThreadLocal<Object> REFRESHING_FROM = new ThreadLocal<>();

  /** The write of a refreshed value, given the record the refresh started from (null: unconditional). */
  @FunctionalInterface
  interface RefreshedWrites<K, V> {
    void write(K key, V value, Object from);
  }

  Freshness(String cacheName, TieredStore<K> store, Encoder encoder, Clock clock, Counters counters,
            Supplier<ClusterFlights> flights, CacheSettings settings, RefreshedWrites<K, V> refreshedWrites) {
    this.refreshedWrites = refreshedWrites;
    this.cacheName = cacheName;
    this.store = store;
    this.encoder = encoder;
    this.clock = clock;
    this.counters = counters;
    this.flights = flights;
    this.refreshAfter = settings.refreshAfter();
    this.staleIfError = settings.staleIfError();
    this.timeout = settings.singleFlightTimeout();
    this.lease = settings.singleFlightLease();
    this.l2TimeoutNanos = settings.bounds().l2Timeout().toNanos();
  }

  /** @return whether reads may start background reloads (refresh-after is set) */
  public boolean refreshes() {
    return refreshAfter != null;
  }

  /** @return whether the key's entry is older than refresh-after; false without an entry or refresh-after */
  public boolean refreshDue(K key) {
    if (refreshAfter == null) {
      return false;
    }
    long writtenAt = store.writtenAt(key);
    return writtenAt != 0 && clock.millis() - writtenAt >= refreshAfter.toMillis();
  }

  /**
   * Reloads the key in the background on {@code executor} if its entry is due and no reload of
   * this version of it runs anywhere in the cluster; returns at once.
   *
   * @param reload computes the new value and writes it through the cache's normal write path
   * @return whether a reload was handed to the executor (it may still find another JVM on it)
   */
  public boolean refreshIfDue(K key, Executor executor, Callable<?> reload) {
    if (!refreshDue(key) || !refreshing.add(key)) {
      return false;
    }
    try {
      executor.execute(() -> {
        try {
          refresh(key, reload);
        } finally {
          refreshing.remove(key);
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      refreshing.remove(key);
      return false;
    }
  }

  private void refresh(K key, Callable<?> reload) {
    try {
      refreshOnce(key, reload);
    } catch (RuntimeException l2Failed) {
      System.getLogger(Freshness.class.getName()).log(System.Logger.Level.DEBUG,
          "Refresh of key " + key + " of cache '" + cacheName + "' could not reach L2: " + l2Failed);
    }
  }

  private void refreshOnce(K key, Callable<?> reload) {
    Object from = store.record(key);
    long version = from == null ? 0 : store.recordWrittenAt(from);
    if (version == 0 || clock.millis() - version < refreshAfter.toMillis()) {
      return;
    }
    ClusterFlights leases = flights.get();
    String leaseKey = leaseKey("r", key) + "/" + version;
    if (!leases.tryAcquire(leaseKey, lease)) {
      return;
    }
    // (an L2 failure above ends the refresh quietly: the entry keeps serving until L2 is back or it expires)
    counters.refreshStarted();
    REFRESHING_FROM.set(from);
    try {
      reload.call();
      counters.refreshEnded(true);
    } catch (Exception | Error e) {
      counters.refreshEnded(false);
      System.getLogger(Freshness.class.getName()).log(System.Logger.Level.DEBUG,
          "Refresh of key " + key + " of cache '" + cacheName + "' failed; the entry keeps serving: " + e);
    } finally {
      REFRESHING_FROM.remove();
      // not released: the lease, run out, is what keeps the other JVMs from reloading this version again
      leases.keep(leaseKey);
    }
  }

  /**
   * Computes a missing key in one JVM of the cluster at a time.
   *
   * @param leader   computes the value and stores it; runs on this thread
   * @param follower reads the cache; a non-null answer is the result another JVM stored
   * @return what the leader or the follower answered
   */
  public <T> T computeOnce(K key, Callable<T> leader, Supplier<T> follower) throws Exception {
    return computeOnce(key, leader, follower, l2TimeoutNanos);
  }

  /**
   * As {@link #computeOnce(Object, Callable, Supplier)}, waiting at most {@code leaseWaitNanos} for the
   * cluster to answer the lease request (what is left of the caller's {@code l2.timeout}); with
   * nothing left, the leader runs without a lease.
   */
  public <T> T computeOnce(K key, Callable<T> leader, Supplier<T> follower, long leaseWaitNanos) throws Exception {
    if (leaseWaitNanos <= 0) {
      return leader.call();
    }
    ClusterFlights leases = flights.get();
    String leaseKey = leaseKey("c", key);
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = FIRST_PAUSE_NANOS;
    boolean waited = false;
    while (true) {
      boolean acquired;
      try {
        acquired = leases.tryAcquire(leaseKey, lease, leaseWaitNanos);
      } catch (RuntimeException l2Failed) {
        // no lease without L2: compute, as a caller with no cluster would (the CDI layer counts the call degraded)
        return leader.call();
      }
      if (acquired) {
        try {
          // another JVM may have stored the value between this caller's miss and its lease
          T found = stored(key, follower);
          if (found != null) {
            return found;
          }
          if (waited) {
            counters.flightTakeover();
          }
          return leader.call();
        } finally {
          leases.release(leaseKey);
        }
      }
      if (!waited) {
        waited = true;
        counters.flightWait();
      }
      T found = stored(key, follower);
      if (found != null) {
        return found;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        counters.flightTakeover();
        return leader.call();
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
      pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
    }
  }

  /**
   * Looks for a stored result without counting a miss: statistics count the polls of a wait, or the
   * second look of a lease holder, only when they find the value, as the one read they stand for.
   */
  private <T> T stored(K key, Supplier<T> follower) {
    return store.contains(key) ? follower.get() : null;
  }

  /**
   * @return the key's last value if it expired less than stale-if-error ago, counted as a stale
   *     serve; null if stale-if-error is off or there is no such value
   */
  public Object staleIfError(K key) {
    if (staleIfError == null) {
      return null;
    }
    Object stale = store.stale(key);
    if (stale != null) {
      counters.staleServe();
    }
    return stale;
  }

  /**
   * Writes a reloaded value through the cache's write path, counted as a put and heard by every
   * JVM's L1 and by the listeners, with a lifetime that starts now, as a creation's does: a refresh
   * must push the expiry back, whatever the expiry policy says of updates. Called from the reload
   * of a refresh, it replaces only the entry that refresh started from: a write or removal that
   * came in while the reload ran wins, and the reloaded value, maybe read before that write, is
   * dropped, as Caffeine drops a refresh that an update overtook.
   */
  public void storeRefreshed(K key, V value) {
    refreshedWrites.write(key, value, REFRESHING_FROM.get());
  }

  private String leaseKey(String kind, K key) {
    Object tk = encoder.key(key);
    String encoded = tk instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : String.valueOf(tk);
    return kind + "/" + cacheName + "/" + encoded;
  }
}
