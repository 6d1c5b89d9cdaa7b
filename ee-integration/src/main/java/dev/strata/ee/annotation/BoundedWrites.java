package dev.strata.ee.annotation;

import dev.strata.cache.L2UnavailableException;
import dev.strata.cache.StrataCache;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code @CacheResult} writes into Strata caches, run on a few daemon threads so that a caller
 * waits for one at most until its deadline (the cache's {@code l2.timeout}): a write whose backup
 * waits for a paused member goes on in the background, and the caller gets its result. Past a
 * bounded queue, writes are skipped. Each write not waited for to its end is a degraded call.
 * Thread-safe.
 */
final class BoundedWrites {

  private final DegradedCalls degraded;
  private final ExecutorService writes = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(10_000), task -> {
        Thread thread = new Thread(task, "strata-cache-result-writes");
        thread.setDaemon(true);
        return thread;
      });

  BoundedWrites(DegradedCalls degraded) {
    this.degraded = degraded;
  }

  /**
   * Puts the entry (tagged when {@code tags} are given), waiting until {@code deadline}
   * ({@link System#nanoTime()}; 0: the cache's {@code l2.timeout} from now).
   */
  void store(StrataCache<Object, Object> strata, Object key, Object value, Set<String> tags, long deadline) {
    store(strata, key, value, tags, deadline, false);
  }

  /**
   * As {@link #store(StrataCache, Object, Object, Set, long)}; with {@code ifAbsent}, a computed
   * result after a miss, which does not overwrite an entry written meanwhile
   * ({@link StrataCache#storeComputed}).
   */
  void store(StrataCache<Object, Object> strata, Object key, Object value, Set<String> tags, long deadline,
             boolean ifAbsent) {
    Future<?> write;
    try {
      write = writes.submit(() -> {
        if (ifAbsent) {
          strata.storeComputed(key, value, tags);
        } else if (tags.isEmpty()) {
          strata.put(key, value);
        } else {
          strata.put(key, value, tags);
        }
      });
    } catch (RejectedExecutionException e) {
      degraded.failed(strata.getName(), "write", new L2UnavailableException("Cache '" + strata.getName()
          + "' has too many @CacheResult writes waiting for a slow L2; this one is skipped", e));
      return;
    }
    try {
      long wait = deadline == 0 ? strata.settings().bounds().l2Timeout().toNanos() : deadline - System.nanoTime();
      write.get(Math.max(0, wait), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      degraded.failed(strata.getName(), "write", new L2UnavailableException("Cache '" + strata.getName()
          + "': a @CacheResult write got no answer within l2.timeout; it goes on in the background", e));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof L2UnavailableException l2) {
        degraded.failed(strata.getName(), "write", l2);
      } else if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      } else {
        throw new IllegalStateException(e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
