package dev.strata.ee.warming;

import dev.strata.ee.warming.WarmingStatus.State;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.cache.Cache;

/**
 * Runs warmings, one at a time per cache, each on a thread of the given executor, and keeps the
 * latest one's progress. A cache's entries come from its {@code CacheWarmer} bean or else from its
 * {@code warm.keys}. Container-neutral: {@link CacheWarming} is its CDI face. Thread-safe.
 */
final class Warming {

  private static final System.Logger LOG = System.getLogger(Warming.class.getName());

  private final Function<String, Cache<Object, Object>> caches;
  private final Function<String, WarmingSettings> settings;
  private final Map<String, WarmingSource> warmers;
  private final Supplier<Set<String>> configured;
  private final Executor threads;
  private final LongSupplier nanoTime;
  private final ConcurrentMap<String, WarmingProgress> runs = new ConcurrentHashMap<>();

  /**
   * @param warmers    the sources of the {@code CacheWarmer} beans, by cache name
   * @param configured the caches the configuration names for warming ({@code warm.keys} or {@code warm.required})
   */
  Warming(Function<String, Cache<Object, Object>> caches, Function<String, WarmingSettings> settings,
          Map<String, WarmingSource> warmers, Supplier<Set<String>> configured, Executor threads, LongSupplier nanoTime) {
    this.caches = caches;
    this.settings = settings;
    this.warmers = warmers;
    this.configured = configured;
    this.threads = threads;
    this.nanoTime = nanoTime;
  }

  /**
   * Starts warming {@code cacheName} in the background, unless a warming of it is running.
   *
   * @return the status of the warming that runs now; FAILED at once if nothing warms the cache
   */
  WarmingStatus warm(String cacheName) {
    WarmingProgress fresh = new WarmingProgress(cacheName, nanoTime);
    WarmingProgress progress = runs.compute(cacheName, (name, current) -> current != null && current.running() ? current : fresh);
    if (progress == fresh) {
      WarmingSource source = source(cacheName);
      if (source == null) {
        fail(progress, "nothing warms it: add a CacheWarmer bean for cache '" + cacheName
            + "' or set strata.cache." + cacheName + ".warm.keys", null);
      } else {
        threads.execute(() -> run(progress, source));
      }
    }
    return progress.status();
  }

  /** @return the status of the latest warming of {@code cacheName} */
  WarmingStatus status(String cacheName) {
    WarmingProgress progress = runs.get(cacheName);
    return progress == null ? WarmingStatus.notStarted(cacheName) : progress.status();
  }

  /** Starts warming every cache that has a warmer, warm keys, or is required. */
  void startAll() {
    names().forEach(this::warm);
  }

  /** @return the statuses of the required caches that are not warm, by cache name */
  /** @return the statuses of the required caches that are not warm, in the order of their names */
  List<WarmingStatus> notReady() {
    return names().stream()
        .filter(name -> settings.apply(name).required())
        .map(this::status)
        .filter(status -> status.state() != State.WARM)
        .toList();
  }

  private Set<String> names() {
    Set<String> names = new TreeSet<>(warmers.keySet());
    names.addAll(configured.get());
    return names;
  }

  private WarmingSource source(String cacheName) {
    WarmingSource warmer = warmers.get(cacheName);
    if (warmer != null) {
      return warmer;
    }
    List<String> keys = settings.apply(cacheName).keys();
    return keys.isEmpty() ? null : new LoaderSource(keys);
  }

  private void run(WarmingProgress progress, WarmingSource source) {
    String name = progress.cacheName();
    try {
      Cache<Object, Object> cache = caches.apply(name);
      source.load(cache, new WarmingSource.Sink() {
        @Override
        public void total(long items) {
          progress.total(items);
        }

        @Override
        public void put(Map<?, ?> entries, int items) {
          Map<Object, Object> values = new LinkedHashMap<>();
          // a loader reports a key it has no value for as null, and a JSR-107 cache holds no nulls
          entries.forEach((key, value) -> {
            if (value != null) {
              values.put(key, value);
            }
          });
          cache.putAll(values);
          progress.advance(items, values.size());
        }
      });
      progress.warm();
      WarmingStatus status = progress.status();
      LOG.log(Level.INFO, "Cache '" + name + "' is warm: " + status.entries() + " entries in " + status.took().toMillis() + " ms");
    } catch (Exception | LinkageError e) {
      fail(progress, e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  private static void fail(WarmingProgress progress, String reason, Throwable cause) {
    progress.failed(reason);
    WarmingStatus status = progress.status();
    LOG.log(Level.WARNING, "Warming cache '" + status.cacheName() + "' failed after " + status.entries()
        + " entries, and a required cache keeps readiness DOWN until a warming succeeds: " + reason, cause);
  }
}
