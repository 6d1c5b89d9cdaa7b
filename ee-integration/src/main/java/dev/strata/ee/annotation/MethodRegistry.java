package dev.strata.ee.annotation;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.cache.annotation.CacheResolverFactory;

/**
 * Computes {@link MethodDetails} once per bean class and method, and keeps them. Keyed on both,
 * because one inherited method has different details on two bean classes with different
 * {@code @CacheDefaults}. Thread-safe.
 */
public final class MethodRegistry {

  private final ConcurrentMap<Class<?>, ConcurrentMap<Method, MethodDetails<?>>> details = new ConcurrentHashMap<>();
  private final Instantiator instantiator;
  private final CacheResolverFactory defaultResolvers;

  public MethodRegistry(Instantiator instantiator, CacheResolverFactory defaultResolvers) {
    this.instantiator = instantiator;
    this.defaultResolvers = defaultResolvers;
  }

  /**
   * @return the details of {@code method} called on {@code beanClass}, or null if no cache
   *     annotation applies to it
   */
  MethodDetails<?> of(Class<?> beanClass, Method method) {
    // two lookups rather than a (class, method) key: a call allocates nothing to find its details
    ConcurrentMap<Method, MethodDetails<?>> ofClass = details.get(beanClass);
    if (ofClass == null) {
      ofClass = details.computeIfAbsent(beanClass, type -> new ConcurrentHashMap<>());
    }
    MethodDetails<?> found = ofClass.get(method);
    if (found != null) {
      return found;
    }
    MethodDetails<?> computed = MethodDetails.of(beanClass, method, instantiator, defaultResolvers);
    if (computed == null) {
      return null;
    }
    MethodDetails<?> raced = ofClass.putIfAbsent(method, computed);
    return raced == null ? computed : raced;
  }
}
