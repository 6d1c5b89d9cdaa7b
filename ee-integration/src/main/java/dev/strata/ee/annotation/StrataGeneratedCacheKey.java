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

  /** A key of a copy of {@code parameters}. */
  public StrataGeneratedCacheKey(Object[] parameters) {
    Object[] copy = parameters.clone();
    this.parameters = copy;
    this.hash = Arrays.deepHashCode(copy);
  }

  private StrataGeneratedCacheKey(Object[] owned, int hash) {
    this.parameters = owned;
    this.hash = hash;
  }

  /** @return a key that takes {@code values} without copying it: for arrays no one else holds */
  static StrataGeneratedCacheKey owning(Object[] values) {
    return new StrataGeneratedCacheKey(values, Arrays.deepHashCode(values));
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
