package dev.strata.cache;

import dev.strata.cache.tier.Saturated;
import dev.strata.cache.tier.ValueLifetime;
import java.time.Duration;
import javax.cache.CacheException;

/**
 * An application's {@link StrataExpiry} as the tiers ask for it: instants instead of durations,
 * and an exception from the application's code turned into one that names the cache, the key and
 * the class. Thread-safe if the expiry is.
 */
final class ChosenExpiry<K, V> implements ValueLifetime {

  private final String cacheName;
  private final StrataExpiry<K, V> expiry;
  private final boolean readsChange;

  ChosenExpiry(String cacheName, StrataExpiry<K, V> expiry) {
    this.cacheName = cacheName;
    this.expiry = expiry;
    this.readsChange = overridesRead(expiry.getClass());
  }

  private static boolean overridesRead(Class<?> type) {
    try {
      return type.getMethod("expireAfterRead", Object.class, Object.class, Duration.class).getDeclaringClass()
          != StrataExpiry.class;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the application's expiry */
  StrataExpiry<K, V> expiry() {
    return expiry;
  }

  @Override
  @SuppressWarnings("unchecked")
  public long creation(Object key, Object value, long now) {
    return ask("expireAfterCreate", key, now, () -> expiry.expireAfterCreate((K) key, (V) value));
  }

  @Override
  @SuppressWarnings("unchecked")
  public long update(Object key, Object value, long expiresAt, long now) {
    return ask("expireAfterUpdate", key, now,
        () -> expiry.expireAfterUpdate((K) key, (V) value, remaining(expiresAt, now)));
  }

  @Override
  public boolean readsChange() {
    return readsChange;
  }

  @Override
  @SuppressWarnings("unchecked")
  public long access(Object key, Object value, long expiresAt, long now) {
    return ask("expireAfterRead", key, now,
        () -> expiry.expireAfterRead((K) key, (V) value, remaining(expiresAt, now)));
  }

  /** @return when the entry expires, by the lifetime the application's {@code method} answers */
  private long ask(String method, Object key, long now, java.util.function.Supplier<Duration> lifetime) {
    try {
      return at(now, lifetime.get());
    } catch (RuntimeException e) {
      throw failed(method, key, e);
    }
  }

  private static Duration remaining(long expiresAt, long now) {
    return expiresAt == Long.MAX_VALUE ? null : Duration.ofMillis(Math.max(0, expiresAt - now));
  }

  /** @return {@code now} plus {@code lifetime}: never for null, now for zero or less */
  private static long at(long now, Duration lifetime) {
    if (lifetime == null) {
      return Long.MAX_VALUE;
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      return now;
    }
    long millis;
    try {
      millis = Math.max(1, lifetime.toMillis());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
    return Saturated.add(now, millis);
  }

  private CacheException failed(String method, Object key, RuntimeException e) {
    return new CacheException("The StrataExpiry " + expiry.getClass().getName() + " of cache '" + cacheName
        + "' threw in " + method + " for key " + key + "; nothing was stored or changed. Fix the class, or remove '"
        + "strata.cache." + cacheName + ".expiry-class' to use the cache's fixed expiry: " + e, e);
  }
}
