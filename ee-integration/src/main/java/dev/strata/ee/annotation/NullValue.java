package dev.strata.ee.annotation;

/**
 * What a cache holds for a method result of {@code null} when null caching is on for that cache
 * (JSR-107 caches cannot hold null). An enum: serializable, immutable, one instance per class loader.
 */
public enum NullValue {
  INSTANCE;

  /** @return the result a cached value stands for */
  public static Object unwrap(Object cached) {
    return cached == INSTANCE ? null : cached;
  }

  /** @return what a cache holds for a result: the result, or this for null */
  public static Object wrap(Object result) {
    return result == null ? INSTANCE : result;
  }
}
