package dev.strata.benchmarks;

import dev.strata.ee.cdi.StrataRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.cache.Cache;
import javax.cache.annotation.CacheResult;

/** A bean with the same lookup three ways, for {@link InterceptorBenchmark}. */
@ApplicationScoped
public class Catalog {

  @Inject
  StrataRuntime runtime;

  private volatile Cache<Object, Object> byHand;

  @CacheResult(cacheName = "catalog")
  public String find(String key) {
    return "value of " + key;
  }

  /** What a developer writes without the annotation. */
  public String findByHand(String key) {
    return lookUp(key);
  }

  /** The same, under an interceptor that only proceeds. */
  @Passthrough.Binding
  public String findUnderPassthrough(String key) {
    return lookUp(key);
  }

  private String lookUp(String key) {
    Cache<Object, Object> cache = byHand;
    if (cache == null) {
      cache = runtime.cache("catalog-by-hand");
      byHand = cache;
    }
    Object cached = cache.get(key);
    if (cached != null) {
      return (String) cached;
    }
    String value = "value of " + key;
    cache.put(key, value);
    return value;
  }
}
