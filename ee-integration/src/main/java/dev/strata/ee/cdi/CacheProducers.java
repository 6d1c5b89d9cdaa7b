package dev.strata.ee.cdi;

import dev.strata.ee.NamedCache;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import javax.cache.Cache;
import javax.cache.CacheManager;

/** Makes {@code @Inject CacheManager} and {@code @Inject @NamedCache("x") Cache<K, V>} work. Beyond JSR-107. */
@Dependent
public class CacheProducers {

  @Inject
  StrataRuntime runtime;

  @Produces
  @Dependent
  CacheManager cacheManager() {
    return runtime.manager();
  }

  @Produces
  @Dependent
  @NamedCache("")
  @SuppressWarnings("unchecked")
  <K, V> Cache<K, V> namedCache(InjectionPoint injectionPoint) {
    for (Annotation qualifier : injectionPoint.getQualifiers()) {
      if (qualifier instanceof NamedCache named) {
        if (named.value().isEmpty()) {
          throw new IllegalArgumentException("@NamedCache at " + injectionPoint.getMember()
              + " has an empty name; write @NamedCache(\"cache-name\")");
        }
        return (Cache<K, V>) runtime.cache(named.value());
      }
    }
    throw new IllegalStateException("No @NamedCache qualifier at " + injectionPoint.getMember());
  }
}
