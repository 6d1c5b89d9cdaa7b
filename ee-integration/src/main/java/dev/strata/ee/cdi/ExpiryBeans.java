package dev.strata.ee.cdi;

import dev.strata.cache.StrataExpiry;
import dev.strata.ee.NamedCache;
import jakarta.enterprise.inject.Instance;
import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;

/**
 * The application's {@link StrataExpiry} beans, each naming its cache with {@code @NamedCache}:
 * {@code @ApplicationScoped @NamedCache("credits") class CreditsExpiry implements StrataExpiry<...>}.
 * Stateless.
 */
final class ExpiryBeans {

  private ExpiryBeans() {
  }

  /**
   * @return each bean by the cache it names
   * @throws IllegalStateException for a bean that names no cache, or two beans naming one cache
   */
  static Map<String, StrataExpiry<?, ?>> byCache(Instance<StrataExpiry<?, ?>> beans) {
    Map<String, StrataExpiry<?, ?>> byCache = new HashMap<>();
    for (Instance.Handle<StrataExpiry<?, ?>> handle : beans.handles()) {
      String cacheName = null;
      for (Annotation qualifier : handle.getBean().getQualifiers()) {
        if (qualifier instanceof NamedCache named) {
          cacheName = named.value();
        }
      }
      String type = handle.getBean().getBeanClass().getName();
      if (cacheName == null) {
        throw new IllegalStateException("The StrataExpiry bean " + type + " names no cache; annotate it "
            + "@NamedCache(\"<cache name>\") so that Strata knows which cache's entries it times");
      }
      StrataExpiry<?, ?> previous = byCache.put(cacheName, handle.get());
      if (previous != null) {
        throw new IllegalStateException("Cache '" + cacheName + "' has two StrataExpiry beans, " + type + " and "
            + previous.getClass().getName() + "; keep one");
      }
    }
    return byCache;
  }
}
