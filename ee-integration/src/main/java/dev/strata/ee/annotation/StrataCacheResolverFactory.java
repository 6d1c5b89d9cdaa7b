package dev.strata.ee.annotation;

import java.lang.annotation.Annotation;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;

/**
 * The default {@link CacheResolverFactory}: resolves caches by name through a function that gets
 * or creates the cache in one atomic step, with its configured policy. Each resolver keeps the
 * cache it found until that cache is closed (destroyed, or its manager closed), then looks it up
 * again, so a cache destroyed and created again is found again. Thread-safe.
 */
public final class StrataCacheResolverFactory implements CacheResolverFactory {

  private final Function<String, Cache<Object, Object>> caches;

  /** @param caches gets or creates a cache by name */
  public StrataCacheResolverFactory(Function<String, Cache<Object, Object>> caches) {
    this.caches = caches;
  }

  @Override
  public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
    return new ByName(details.getCacheName());
  }

  @Override
  public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
    String name = details.getCacheAnnotation().exceptionCacheName();
    if (name.isEmpty()) {
      throw new IllegalStateException(details.getMethod() + " names no exceptionCacheName");
    }
    return new ByName(name);
  }

  /** Resolves one cache name. */
  private final class ByName implements CacheResolver {
    private final String name;
    private volatile Cache<Object, Object> found;

    ByName(String name) {
      this.name = name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> resolveCache(CacheInvocationContext<? extends Annotation> context) {
      Cache<Object, Object> cache = found;
      if (cache == null || cache.isClosed()) {
        cache = caches.apply(name);
        found = cache;
      }
      return (Cache<K, V>) cache;
    }
  }
}
