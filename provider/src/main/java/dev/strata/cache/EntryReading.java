package dev.strata.cache;

import dev.strata.cache.tier.TieredStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javax.cache.integration.CompletionListener;

/**
 * How a cache answers reads: from the store, then, for what the store had no live entry for, from
 * the loader if the cache reads through, timed as gets; and the spec's {@code loadAll}, run on the
 * cache's executor. Arguments are checked by the cache before they get here. Thread-safe.
 */
final class EntryReading<K, V> {

  private final TieredStore<K> store;
  private final JCacheLoader<K, V> loader;
  private final Counters counters;
  private final Executor executor;
  private final Freshness<K, V> freshness;

  EntryReading(TieredStore<K> store, JCacheLoader<K, V> loader, Counters counters, Executor executor,
               Freshness<K, V> freshness) {
    this.freshness = freshness;
    this.store = store;
    this.loader = loader;
    this.counters = counters;
    this.executor = executor;
  }

  /**
   * The spec's {@code get}: the value, loaded if the cache reads through and the store has none, or
   * null. With a loader that reads through, a value older than {@code refresh-after} is reloaded in
   * the background, and a failed load answers with the last value within {@code stale-if-error}.
   */
  @SuppressWarnings("unchecked")
  V get(K key) {
    long started = counters.start();
    V value = (V) store.get(key);
    if (value != null) {
      // the due check first: a hit that is not due allocates nothing
      if (freshness.refreshes() && loader.readThrough() && freshness.refreshDue(key)) {
        freshness.refreshIfDue(key, executor, () -> {
          V reloaded = loader.load(key);
          if (reloaded != null) {
            freshness.storeRefreshed(key, reloaded);
          }
          return null;
        });
      }
    } else if (loader.readThrough()) {
      try {
        value = loader.readThrough(key);
      } catch (javax.cache.integration.CacheLoaderException e) {
        value = (V) freshness.staleIfError(key);
        if (value == null) {
          throw e;
        }
      }
    }
    counters.getTime(started);
    return value;
  }

  /** As {@link #get}, without read-through or refresh, waiting at most {@code timeoutNanos} for L2. */
  @SuppressWarnings("unchecked")
  V getWithin(K key, long timeoutNanos) {
    long started = counters.start();
    V value = (V) store.get(key, timeoutNanos);
    counters.getTime(started);
    return value;
  }

  /** The spec's {@code getAll}: what was found, in the order of {@code keys}, the missing keys loaded in one call. */
  @SuppressWarnings("unchecked")
  Map<K, V> getAll(Set<? extends K> keys) {
    long started = counters.start();
    Map<K, Object> found = new LinkedHashMap<>();
    List<K> missing = new ArrayList<>();
    store.getAll((Set<K>) keys, found, missing);
    if (!missing.isEmpty() && loader.readThrough()) {
      loader.readThrough(missing, found);
    }
    counters.getTime(started);
    return (Map<K, V>) found;
  }

  /**
   * The spec's {@code loadAll}, in the background.
   *
   * @param present the cache's {@code containsKey}, which fails once the cache is closed
   */
  void loadAll(Set<? extends K> keys, boolean replaceExistingValues, Predicate<K> present,
               CompletionListener listener) {
    loader.loadAll(new ArrayList<>(keys), replaceExistingValues, present, listener, executor);
  }
}
