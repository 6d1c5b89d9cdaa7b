package dev.strata.cache;

import dev.strata.cache.event.Change;
import dev.strata.cache.event.EventDispatcher;
import dev.strata.cache.tier.Decision;
import dev.strata.cache.tier.Encoder;
import dev.strata.cache.tier.JCacheExpiry;
import dev.strata.cache.tier.TieredStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CompletionListener;

/**
 * A cache's {@link CacheLoader}, or none, and the storing of what it loads: without write-through
 * or put statistics, firing CREATED or UPDATED. Failures reach the caller as the spec's
 * {@link CacheLoaderException}, naming the cache and the keys. Thread-safe if the loader is.
 */
final class JCacheLoader<K, V> {

  private static final CompletionListener NO_LISTENER = new CompletionListener() {
    @Override
    public void onCompletion() {
    }

    @Override
    public void onException(Exception e) {
    }
  };

  private final String cacheName;
  private final CacheLoader<K, V> loader;
  private final boolean readThrough;
  private final TieredStore<K> store;
  private final Encoder encoder;
  private final JCacheExpiry expiry;
  private final EventDispatcher<K, V> events;

  private JCacheLoader(String cacheName, CacheLoader<K, V> loader, boolean readThrough, TieredStore<K> store,
                       Encoder encoder, JCacheExpiry expiry, EventDispatcher<K, V> events) {
    this.cacheName = cacheName;
    this.loader = loader;
    this.readThrough = readThrough;
    this.store = store;
    this.encoder = encoder;
    this.expiry = expiry;
    this.events = events;
  }

  @SuppressWarnings("unchecked")
  static <K, V> JCacheLoader<K, V> of(String cacheName, CompleteConfiguration<K, V> configuration,
                                      TieredStore<K> store, Encoder encoder, JCacheExpiry expiry,
                                      EventDispatcher<K, V> events) {
    CacheLoader<K, V> loader = configuration.getCacheLoaderFactory() == null ? null
        : (CacheLoader<K, V>) configuration.getCacheLoaderFactory().create();
    return new JCacheLoader<>(cacheName, loader, loader != null && configuration.isReadThrough(), store, encoder,
        expiry, events);
  }

  /** @return whether reads load what they miss */
  boolean readThrough() {
    return readThrough;
  }

  /** Loads a key a read missed and stores it; returns the value, or null if the loader has none. */
  V readThrough(K key) {
    V loaded = load(key);
    if (loaded != null) {
      store(key, loaded, false);
    }
    return loaded;
  }

  /** Loads the keys a {@code getAll} missed, in one call, and stores what the loader found into L2 and {@code found}. */
  void readThrough(List<K> missing, Map<K, Object> found) {
    Map<K, V> loaded = loadAll(missing);
    for (K key : missing) {
      V value = loaded.get(key);
      if (value != null) {
        store(key, value, false);
        found.put(key, value);
      }
    }
  }

  /**
   * The spec's {@code Cache.loadAll}: in the background, keys already present only if {@code replace}.
   *
   * @param present the cache's {@code containsKey}, which fails once the cache is closed, so that a
   *     load still queued then stops before it calls the loader
   */
  void loadAll(List<K> keys, boolean replace, Predicate<K> present, CompletionListener listener, Executor executor) {
    CompletionListener done = listener != null ? listener : NO_LISTENER;
    if (loader == null) {
      done.onCompletion();
      return;
    }
    executor.execute(() -> {
      try {
        List<K> toLoad = new ArrayList<>();
        for (K key : keys) {
          if (replace || !present.test(key)) {
            toLoad.add(key);
          }
        }
        Map<K, V> loaded = toLoad.isEmpty() ? Map.of() : loadAll(toLoad);
        for (Map.Entry<K, V> entry : loaded.entrySet()) {
          if (entry.getKey() != null && entry.getValue() != null) {
            store(entry.getKey(), entry.getValue(), replace);
          }
        }
        done.onCompletion();
      } catch (Exception e) {
        done.onException(e instanceof CacheLoaderException ? e
            : new CacheLoaderException("loadAll of cache '" + cacheName + "' failed: " + e, e));
      }
    });
  }

  V load(K key) {
    try {
      return loader.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheLoaderException("The CacheLoader of cache '" + cacheName + "' failed to load key " + key + ": "
          + e, e);
    }
  }

  /** @return what the loader found, never null */
  private Map<K, V> loadAll(List<K> keys) {
    try {
      Map<K, V> loaded = loader.loadAll(keys);
      return loaded == null ? Map.of() : loaded;
    } catch (CacheLoaderException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheLoaderException("The CacheLoader of cache '" + cacheName + "' failed to load keys " + keys + ": "
          + e, e);
    }
  }

  /** Stores a loaded value without write-through or put statistics; fires CREATED or UPDATED. */
  private void store(K key, V value, boolean replaceExisting) {
    Object tk = encoder.key(key);
    Object base = encoder.record(value, Long.MAX_VALUE);
    Decision decision = store.mutate(key, tk, TieredStore.Mode.CAS, null, step -> {
      if (step.live() && !replaceExisting) {
        return step.keep();
      }
      long expiresAt = step.live() ? expiry.update(key, value, step.expiresAt(), step.now())
          : expiry.creation(key, value, step.now());
      if (expiresAt <= step.now()) {
        return step.live() ? step.expire() : step.keep();
      }
      return step.store(encoder.restamp(base, expiresAt));
    });
    if (decision.stored() != null) {
      events.dispatch(Change.written(key, tk, decision.stored(), decision.live()));
    }
  }

  /** @return the loader, for closing it with the cache; null if none */
  Object resource() {
    return loader;
  }
}
