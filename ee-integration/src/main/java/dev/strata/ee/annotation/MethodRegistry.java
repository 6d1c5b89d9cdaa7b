package dev.strata.ee.annotation;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.cache.annotation.CacheResolverFactory;

/**
 * Computes {@link MethodDetails} once per method and keeps them. Thread-safe.
 */
public final class MethodRegistry {

  private final ConcurrentMap<Method, MethodDetails<?>> details = new ConcurrentHashMap<>();
  private final Instantiator instantiator;
  private final CacheResolverFactory defaultResolvers;

  public MethodRegistry(Instantiator instantiator, CacheResolverFactory defaultResolvers) {
    this.instantiator = instantiator;
    this.defaultResolvers = defaultResolvers;
  }

  /**
   * @return the method's details, or null if it carries no cache annotation
   */
  public MethodDetails<?> of(Method method) {
    MethodDetails<?> found = details.get(method);
    if (found != null) {
      return found;
    }
    MethodDetails<?> computed = MethodDetails.of(method, instantiator, defaultResolvers);
    if (computed == null) {
      return null;
    }
    MethodDetails<?> raced = details.putIfAbsent(method, computed);
    return raced == null ? computed : raced;
  }

  /** @return how many methods have details computed; for tests */
  public int size() {
    return details.size();
  }
}
