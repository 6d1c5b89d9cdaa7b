package dev.strata.sample;

import dev.strata.cache.StrataCacheManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the catalog's cache annotations find their caches: Strata's caches by default
 * ({@code catalog.cache-provider=strata}); with {@code catalog.cache-provider=hazelcast}, Hazelcast's
 * own JCache on the same Hazelcast members with its default settings and the same TTL, so that the
 * load test (load/) can run the same application on both. A JSR-107 {@link CacheResolverFactory},
 * named by {@code @CacheDefaults} on {@link ProductCatalog}. Thread-safe.
 */
@ApplicationScoped
public class CatalogCaches implements CacheResolverFactory {

  @Inject
  CacheManager strata;

  @Inject
  @ConfigProperty(name = "catalog.cache-provider", defaultValue = "strata")
  String provider;

  /** Read as text: Strata validates the key (a bad value fails deployment with Strata's message), and only the comparison uses it. */
  @Inject
  @ConfigProperty(name = "strata.cache.products.ttl", defaultValue = "PT10M")
  String ttl;

  private final ConcurrentMap<String, Cache<Object, Object>> hazelcastCaches = new ConcurrentHashMap<>();
  private volatile CacheManager hazelcast;

  @Override
  public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
    return resolver(details.getCacheName());
  }

  @Override
  public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
    return resolver(details.getCacheAnnotation().exceptionCacheName());
  }

  private CacheResolver resolver(String name) {
    return new CacheResolver() {
      @Override
      @SuppressWarnings("unchecked")
      public <K, V> Cache<K, V> resolveCache(CacheInvocationContext<? extends Annotation> context) {
        return (Cache<K, V>) cache(name);
      }
    };
  }

  private Cache<Object, Object> cache(String name) {
    switch (provider) {
      case "strata":
        Cache<Object, Object> cache = strata.getCache(name);
        return cache != null ? cache : strata.unwrap(StrataCacheManager.class).getOrCreateCache(name, new MutableConfiguration<>());
      case "hazelcast":
        return hazelcastCaches.computeIfAbsent(name, this::hazelcastCache);
      default:
        throw new IllegalStateException("catalog.cache-provider is '" + provider + "'; use strata or hazelcast");
    }
  }

  private Cache<Object, Object> hazelcastCache(String name) {
    CacheManager manager = hazelcast;
    if (manager == null) {
      synchronized (this) {
        if (hazelcast == null) {
          ClassLoader classLoader = CatalogCaches.class.getClassLoader();
          hazelcast = Caching.getCachingProvider("com.hazelcast.cache.impl.HazelcastServerCachingProvider", classLoader)
              .getCacheManager(null, classLoader, com.hazelcast.cache.HazelcastCachingProvider.propertiesByInstanceItself(
                  strata.unwrap(StrataCacheManager.class).hazelcastInstance()));
        }
        manager = hazelcast;
      }
    }
    Cache<Object, Object> existing = manager.getCache(name);
    if (existing != null) {
      return existing;
    }
    try {
      return manager.createCache(name, new MutableConfiguration<>().setExpiryPolicyFactory(
          CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(java.util.concurrent.TimeUnit.MILLISECONDS,
              Duration.parse(ttl).toMillis()))));
    } catch (javax.cache.CacheException createdByAnotherServer) {
      return manager.getCache(name);
    }
  }
}
