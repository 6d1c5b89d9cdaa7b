package dev.strata.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;
import javax.cache.annotation.CacheResult;

/** A bean with a cached method, for {@link InterceptorBenchmark}. */
@ApplicationScoped
public class Catalog {

  @CacheResult(cacheName = "catalog")
  public String find(String key) {
    return "value of " + key;
  }
}
