package dev.strata.cache;

import com.hazelcast.map.IMap;
import dev.strata.cache.internal.DaemonThreads;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Leases in L2 on keys being computed, so that one JVM of the cluster computes a key at a time:
 * an entry of a Hazelcast map whose time-to-live is the lease, taken with {@code putIfAbsent} and
 * renewed by its holder every third of the lease while the computation runs. A holder that is
 * killed or stalls stops renewing, so the lease ends by itself at most one lease time after its
 * last renewal; no CP Subsystem is needed. The map holds strings only, and a plain Hazelcast
 * cluster serves it to clients. One per cache manager. Thread-safe.
 */
final class ClusterFlights implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ClusterFlights.class.getName());

  private final IMap<String, String> leases;
  /** This manager's name in the leases it holds. */
  private final String holder = UUID.randomUUID().toString();
  private final ScheduledExecutorService renewer;
  /** Runs the lease requests a caller waits for at most {@code l2.timeout}. */
  private final java.util.concurrent.ExecutorService calls;
  private final Map<String, ScheduledFuture<?>> renewing = new ConcurrentHashMap<>();

  ClusterFlights(IMap<String, String> leases, String uri) {
    this.leases = leases;
    this.renewer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("strata-flights-" + uri));
    this.calls = Executors.newCachedThreadPool(DaemonThreads.named("strata-flights-calls-" + uri));
  }

  /**
   * Takes the lease on {@code key} if nobody holds it, and renews it until {@link #release} or
   * {@link #keep}.
   *
   * @return whether this JVM holds the lease now
   */
  boolean tryAcquire(String key, Duration lease) {
    return tryAcquire(key, lease, 0);
  }

  /**
   * As {@link #tryAcquire(String, Duration)}, waiting at most {@code timeoutNanos} (0: as long as
   * Hazelcast takes) for the cluster to answer. A request that answers later may still take the
   * lease; unrenewed, it ends within one lease time.
   *
   * @throws com.hazelcast.core.OperationTimeoutException when the cluster did not answer in time
   */
  boolean tryAcquire(String key, Duration lease, long timeoutNanos) {
    long millis = lease.toMillis();
    String previous;
    if (timeoutNanos <= 0) {
      previous = leases.putIfAbsent(key, holder, millis, TimeUnit.MILLISECONDS);
    } else {
      java.util.concurrent.Future<String> request = calls.submit(
          () -> leases.putIfAbsent(key, holder, millis, TimeUnit.MILLISECONDS));
      try {
        previous = request.get(timeoutNanos, TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new com.hazelcast.core.OperationTimeoutException("The lease " + key + " got no answer within "
            + Duration.ofNanos(timeoutNanos));
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause
            : new com.hazelcast.core.HazelcastException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new com.hazelcast.core.HazelcastException("interrupted while taking the lease " + key, e);
      }
    }
    if (previous != null) {
      return false;
    }
    long period = Math.max(1, millis / 3);
    renewing.put(key, renewer.scheduleAtFixedRate(() -> renew(key, millis), period, period, TimeUnit.MILLISECONDS));
    return true;
  }

  private void renew(String key, long millis) {
    try {
      // a lease that ended while this JVM stalled may be another's now: renew only one's own
      if (holder.equals(leases.get(key))) {
        leases.setTtl(key, millis, TimeUnit.MILLISECONDS);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Could not renew the lease " + key + ": " + e);
    }
  }

  /**
   * Gives the lease up: the computation is over, and another JVM may compute the key next. The
   * caller does not wait for the cluster's answer (its result is stored already, and waiters look
   * for the result before they ask for the lease again).
   */
  void release(String key) {
    stopRenewing(key);
    try {
      calls.execute(() -> {
        try {
          leases.remove(key, holder);
        } catch (RuntimeException e) {
          // it ends by itself within one lease time
          LOG.log(System.Logger.Level.DEBUG, "Could not release the lease " + key + ": " + e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // closing: the lease ends by itself within one lease time
    }
  }

  /** Stops renewing the lease but leaves it to run out: nobody repeats the computation before it ends. */
  void keep(String key) {
    stopRenewing(key);
  }

  private void stopRenewing(String key) {
    ScheduledFuture<?> renewal = renewing.remove(key);
    if (renewal != null) {
      renewal.cancel(false);
    }
  }

  /** @return whether anyone holds the lease on {@code key} */
  boolean held(String key) {
    return leases.containsKey(key);
  }

  @Override
  public void close() {
    renewer.shutdownNow();
    calls.shutdownNow();
    renewing.clear();
  }
}
