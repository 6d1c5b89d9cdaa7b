package dev.strata.ee.cdi;

import dev.strata.cache.CacheObserver;
import dev.strata.cache.StrataCacheManager;
import dev.strata.cache.spi.StrataCachingProvider;
import dev.strata.cache.StrataExpiry;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * The application's cache manager: created on first use with the configured provider settings and
 * every {@link CacheObserver} bean, created again if someone closed it, and closed with the
 * application. Thread-safe.
 */
final class ApplicationCacheManager {

  private final Supplier<Properties> properties;
  private final Iterable<CacheObserver> observers;
  private final Supplier<Map<String, StrataExpiry<?, ?>>> expiries;
  private volatile StrataCacheManager manager;

  /**
   * @param properties the validated Strata properties, read when the manager is created
   * @param observers  added to each manager created
   */
  ApplicationCacheManager(Supplier<Properties> properties, Iterable<CacheObserver> observers) {
    this(properties, observers, Map::of);
  }

  /** @param expiries the application's value-chosen expiries by cache name, set on each manager created */
  ApplicationCacheManager(Supplier<Properties> properties, Iterable<CacheObserver> observers,
                          Supplier<Map<String, StrataExpiry<?, ?>>> expiries) {
    this.expiries = expiries;
    this.properties = properties;
    this.observers = observers;
  }

  /** @return the open manager, created now if there is none */
  StrataCacheManager get() {
    StrataCacheManager current = manager;
    if (current == null || current.isClosed()) {
      synchronized (this) {
        if (manager == null || manager.isClosed()) {
          manager = create();
        }
        current = manager;
      }
    }
    return current;
  }

  private StrataCacheManager create() {
    ClassLoader classLoader = ApplicationClassLoader.get();
    StrataCachingProvider provider = (StrataCachingProvider) Caching.getCachingProvider(
        StrataCachingProvider.class.getName(), classLoader);
    StrataCacheManager created = (StrataCacheManager) provider.getCacheManager(
        provider.getDefaultURI(), classLoader, properties.get());
    for (CacheObserver observer : observers) {
      created.addObserver(observer);
    }
    expiries.get().forEach(created::setExpiry);
    return created;
  }

  /** @return the cache of that name, created with its configured policy if it does not exist */
  Cache<Object, Object> cache(String name) {
    StrataCacheManager current = get();
    // the common case, a cache that exists, must not pay for a configuration object on every call
    Cache<Object, Object> existing = current.getCache(name);
    return existing != null ? existing : current.getOrCreateCache(name, new MutableConfiguration<>());
  }

  /** Closes the manager, if one was created. */
  void close() {
    StrataCacheManager current = manager;
    if (current != null) {
      current.close();
    }
  }
}
