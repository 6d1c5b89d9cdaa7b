package dev.strata.cache;

import java.util.Map;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/**
 * A cache's {@link CacheLoader}, or none: the same calls work either way. Failures reach the caller
 * as the spec's {@link CacheLoaderException}, naming the cache and the keys. Thread-safe if the
 * loader is.
 */
final class JCacheLoader<K, V> {

  private final String cacheName;
  private final CacheLoader<K, V> loader;
  private final boolean readThrough;

  private JCacheLoader(String cacheName, CacheLoader<K, V> loader, boolean readThrough) {
    this.cacheName = cacheName;
    this.loader = loader;
    this.readThrough = readThrough;
  }

  @SuppressWarnings("unchecked")
  static <K, V> JCacheLoader<K, V> of(String cacheName, CompleteConfiguration<K, V> configuration) {
    if (configuration.getCacheLoaderFactory() == null) {
      return new JCacheLoader<>(cacheName, null, false);
    }
    return new JCacheLoader<>(cacheName, (CacheLoader<K, V>) configuration.getCacheLoaderFactory().create(),
        configuration.isReadThrough());
  }

  /** @return whether there is a loader at all ({@code loadAll} uses it even without read-through) */
  boolean present() {
    return loader != null;
  }

  /** @return whether reads load what they miss */
  boolean readThrough() {
    return loader != null && readThrough;
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
  Map<K, V> loadAll(Iterable<? extends K> keys) {
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

  /** @return the loader, for closing it with the cache; null if none */
  Object resource() {
    return loader;
  }
}
