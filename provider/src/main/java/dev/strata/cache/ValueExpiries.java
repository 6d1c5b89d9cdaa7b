package dev.strata.cache;

import dev.strata.cache.config.CacheSettings;
import dev.strata.cache.config.PropertySource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The value-chosen expiries of one cache manager's caches: those the application handed over (the
 * CDI layer's {@code @NamedCache} beans, or {@link StrataCacheManager#setExpiry}), else one made
 * from the cache's {@code expiry-class} key. Thread-safe.
 */
final class ValueExpiries {

  private final PropertySource source;
  private final ClassLoader classLoader;
  private final Map<String, StrataExpiry<?, ?>> given = new ConcurrentHashMap<>();

  ValueExpiries(PropertySource source, ClassLoader classLoader) {
    this.source = source;
    this.classLoader = classLoader;
  }

  /** @throws IllegalStateException if the cache exists already ({@code exists}) */
  void set(String cacheName, StrataExpiry<?, ?> expiry, boolean exists) {
    Objects.requireNonNull(expiry, "expiry");
    if (exists) {
      throw new IllegalStateException("Cache '" + cacheName + "' exists already; its StrataExpiry "
          + expiry.getClass().getName() + " must be set before the cache is first created or used");
    }
    given.put(cacheName, expiry);
  }

  /**
   * @return the cache's expiry, or null if it has none
   * @throws IllegalArgumentException naming the key, the class and the fix, if the class cannot be made
   */
  StrataExpiry<?, ?> of(String cacheName, CacheSettings settings) {
    StrataExpiry<?, ?> expiry = given.get(cacheName);
    if (expiry != null || settings.expiryClass() == null) {
      return expiry;
    }
    String key = CacheSettings.key(source, cacheName, CacheSettings.EXPIRY_CLASS);
    try {
      Class<?> type = Class.forName(settings.expiryClass(), true, classLoader);
      if (!StrataExpiry.class.isAssignableFrom(type)) {
        throw PropertySource.invalid(key, settings.expiryClass(), "a class implementing "
            + StrataExpiry.class.getName() + "; " + type.getName() + " does not");
      }
      return (StrataExpiry<?, ?>) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw PropertySource.invalid(key, settings.expiryClass(), "a public class with a public "
          + "no-argument constructor implementing " + StrataExpiry.class.getName() + ", visible to the application's "
          + "class loader (" + e + ")");
    }
  }
}
