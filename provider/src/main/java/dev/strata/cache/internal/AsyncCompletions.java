package dev.strata.cache.internal;

import com.hazelcast.internal.util.ConcurrencyUtil;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps Hazelcast from starting a thread for every asynchronous answer on small machines. Each
 * future an async call returns ({@code getAsync}, which bounds a read by {@code l2.timeout})
 * completes a stage on Hazelcast's default async executor; that executor is the common
 * {@link ForkJoinPool} when it has two threads or more, and otherwise (a JVM with one or two
 * cores: small containers, CI machines) a new thread per task, which made a bounded read cost three
 * to four times a plain one. Strata then gives Hazelcast a cached pool of daemon threads instead:
 * the same semantics (a task never waits for another), threads reused. It changes nothing where
 * the common pool serves, or where the application set its own executor. Thread-safe.
 */
final class AsyncCompletions {

  private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
      new SynchronousQueue<>(), task -> {
        Thread thread = new Thread(task, "strata-hazelcast-async");
        thread.setDaemon(true);
        return thread;
      });

  private AsyncCompletions() {
  }

  /** Replaces Hazelcast's thread-per-task default async executor with a pool, if that is what it uses. */
  static synchronized void pooled() {
    Executor current = ConcurrencyUtil.getDefaultAsyncExecutor();
    if (ForkJoinPool.getCommonPoolParallelism() <= 1 && threadPerTask(current)) {
      ConcurrencyUtil.setDefaultAsyncExecutor(POOL);
    }
  }

  /** Hazelcast's own fallback is a lambda of {@link ConcurrencyUtil}; anything else was chosen by someone. */
  static boolean threadPerTask(Executor executor) {
    return !(executor instanceof ForkJoinPool) && executor != POOL
        && executor.getClass().getName().startsWith(ConcurrencyUtil.class.getName() + "$$Lambda");
  }

  /** @return whether Hazelcast's async answers run on Strata's pool */
  static boolean active() {
    return ConcurrencyUtil.getDefaultAsyncExecutor() == POOL;
  }
}
