package dev.strata.ee.annotation;

/**
 * Supplies the {@code CacheResolverFactory} and {@code CacheKeyGenerator} classes that annotations
 * name: as container beans where they are beans, otherwise through their public no-argument
 * constructor. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Instantiator {

  <T> T instance(Class<T> type);

  /** Creates instances with the public no-argument constructor. */
  static Instantiator reflective() {
    return new Instantiator() {
      @Override
      public <T> T instance(Class<T> type) {
        try {
          return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
          throw new javax.cache.CacheException("Strata cannot create " + type.getName()
              + ": make it a CDI bean or give it a public no-argument constructor", e);
        }
      }
    };
  }
}
