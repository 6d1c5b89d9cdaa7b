package dev.strata.ee.annotation;

import java.io.Serializable;
import java.util.Arrays;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * The default cache key of an annotated method: the values of its key parameters, compared deeply.
 * Serializable, as Strata keeps keys in Hazelcast, so the key parameters must be serializable too.
 * Immutable as long as the parameters are.
 */
public final class StrataGeneratedCacheKey implements GeneratedCacheKey, Serializable {

  private static final long serialVersionUID = 1L;

  private final Object[] parameters;
  private final int hash;

  public StrataGeneratedCacheKey(Object[] parameters) {
    this(parameters.clone(), true);
  }

  /** Takes the array without copying it: for arrays no one else holds. */
  StrataGeneratedCacheKey(Object[] parameters, boolean owned) {
    this.parameters = parameters;
    this.hash = Arrays.deepHashCode(parameters);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StrataGeneratedCacheKey that && hash == that.hash && Arrays.deepEquals(parameters, that.parameters);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.deepToString(parameters);
  }
}
