package dev.strata.ee.warming;

import dev.strata.ee.CacheWarmer;
import dev.strata.ee.cdi.DaemonThreads;
import dev.strata.ee.cdi.StrataRuntime;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cache warming in the application: when the application starts, every cache with a
 * {@link CacheWarmer} bean or {@code strata.cache.<name>.warm.keys} is warmed on a daemon thread;
 * {@link #warm} warms one cache again on demand (the management API's hook), and {@link #status}
 * and {@link #notReady} tell how far it got. Thread-safe.
 */
@ApplicationScoped
public class CacheWarming {

  private final Warming warming;

  /** For the container's proxy. */
  protected CacheWarming() {
    this.warming = null;
  }

  /**
   * @throws IllegalStateException if two {@code CacheWarmer} beans name the same cache
   */
  @Inject
  public CacheWarming(StrataRuntime runtime, @Any Instance<CacheWarmer<?, ?>> warmers) {
    this.warming = new Warming(runtime::cache, name -> runtime.config().warming(name), sources(warmers),
        () -> runtime.config().warmedCaches(), new DaemonThreads("strata-warming"), System::nanoTime);
  }

  private static Map<String, WarmingSource> sources(Instance<CacheWarmer<?, ?>> warmers) {
    Map<String, WarmingSource> sources = new TreeMap<>();
    Map<String, String> classes = new TreeMap<>();
    for (CacheWarmer<?, ?> warmer : warmers) {
      String cacheName = warmer.cacheName();
      String previous = classes.put(cacheName, warmer.getClass().getName());
      if (previous != null) {
        throw new IllegalStateException("Two CacheWarmer beans warm cache '" + cacheName + "': " + previous + " and "
            + warmer.getClass().getName() + "; keep one per cache");
      }
      sources.put(cacheName, new WarmerSource(warmer));
    }
    return sources;
  }

  /**
   * Starts warming after the application's own startup observers (a schema created at startup is
   * there before a warmer reads it).
   */
  void onStartup(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) @Initialized(ApplicationScoped.class) Object started) {
    warming.startAll();
  }

  /**
   * Starts warming {@code cacheName} now, in the background, unless a warming of it is running.
   *
   * @return the status of the warming that now runs; FAILED at once, with the reason, if neither
   *     a {@code CacheWarmer} bean nor {@code warm.keys} warms the cache
   */
  public WarmingStatus warm(String cacheName) {
    return warming.warm(cacheName);
  }

  /** @return where the latest warming of {@code cacheName} in this JVM stands; NOT_STARTED if none ran */
  public WarmingStatus status(String cacheName) {
    return warming.status(cacheName);
  }

  /** @return the required caches ({@code warm.required=true}) that are not warm yet, or whose warming failed */
  public List<WarmingStatus> notReady() {
    return warming.notReady();
  }
}
