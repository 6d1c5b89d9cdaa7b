package dev.strata.ee;

import dev.strata.ee.annotation.StrataGeneratedCacheKey;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * The keys the cache annotations use, for code that fills or reads an annotation cache directly, a
 * {@link CacheWarmer} above all: {@code AnnotationKeys.of(id)} is the key under which
 * {@code @CacheResult Product find(long id)} keeps its result. Applies to the default key
 * generator only. Thread-safe.
 */
public final class AnnotationKeys {

  private AnnotationKeys() {
  }

  /**
   * @param keyParameters the values of the method's key parameters, in order (every parameter unless
   *                      some carry {@code @CacheKey}); they must be serializable
   * @return the key Strata's default key generator makes for a call with these values
   */
  public static GeneratedCacheKey of(Object... keyParameters) {
    return new StrataGeneratedCacheKey(keyParameters);
  }
}
