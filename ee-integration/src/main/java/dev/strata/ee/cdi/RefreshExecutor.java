package dev.strata.ee.cdi;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Where refresh-ahead re-invokes {@code @CacheResult} methods: the server's default managed
 * executor ({@code java:comp/DefaultManagedExecutorService}, Jakarta Concurrency), so that a
 * method finds the application's naming context and class loader as on a request; looked up from
 * the first request thread that needs it. Where there is none (plain CDI, or the feature is off), a
 * small pool of daemon threads with a bounded queue: a refresh that finds the queue full is
 * skipped, and the entry keeps serving until a later read asks again. Thread-safe.
 */
final class RefreshExecutor implements Executor {

  static final String DEFAULT_MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";
  private static final System.Logger LOG = System.getLogger(RefreshExecutor.class.getName());

  private volatile Executor delegate;

  @Override
  public void execute(Runnable task) {
    Executor current = delegate;
    if (current == null) {
      current = resolve();
    }
    current.execute(task);
  }

  private synchronized Executor resolve() {
    if (delegate == null) {
      Executor found;
      try {
        found = InitialContext.doLookup(DEFAULT_MANAGED_EXECUTOR);
      } catch (NamingException | RuntimeException | LinkageError e) {
        LOG.log(System.Logger.Level.INFO, "No " + DEFAULT_MANAGED_EXECUTOR + " (" + e + "); refresh-ahead runs on "
            + "Strata's own daemon threads, without the application's naming context");
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1_000),
            new DaemonThreads("strata-refresh"));
        pool.allowCoreThreadTimeOut(true);
        found = pool;
      }
      delegate = found;
    }
    return delegate;
  }
}
