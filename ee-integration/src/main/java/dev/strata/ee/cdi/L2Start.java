package dev.strata.ee.cdi;

import dev.strata.cache.StrataCacheManager;
import dev.strata.cache.config.ProviderSettings;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Starts L2 (the Hazelcast member or client) once, in the background, so that neither deployment
 * nor a readiness probe waits for it; with {@code strata.hazelcast.start=eager} as soon as the
 * application starts. Thread-safe.
 */
final class L2Start {

  private final Supplier<StrataCacheManager> manager;
  private final Executor threads;
  private final Runnable afterStart;
  private CompletableFuture<Void> start;

  /** @param afterStart run on the same threads once L2 is up (the warm-up), not part of the start */
  L2Start(Supplier<StrataCacheManager> manager, Executor threads, Runnable afterStart) {
    this.manager = manager;
    this.threads = threads;
    this.afterStart = afterStart;
  }

  /**
   * Starts L2 unless that happened already.
   *
   * @return the start, completed exceptionally if Hazelcast could not start or connect
   */
  synchronized CompletableFuture<Void> start() {
    if (start == null) {
      start = CompletableFuture.runAsync(manager.get()::connect, threads);
      start.thenRunAsync(afterStart, threads);
    }
    return start;
  }

  /** Starts L2 now if {@code strata.hazelcast.start} is {@code eager}. */
  void startIfEager(Properties properties) {
    if (properties.getProperty(ProviderSettings.START, "lazy").trim().equalsIgnoreCase("eager")) {
      start();
    }
  }
}
