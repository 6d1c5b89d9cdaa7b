package dev.strata.cache.copy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How L1 hands a value it holds to a caller of a store-by-value cache, chosen once when L1 takes
 * the value ({@link ImmutableTypes#strategyFor}). Immutable.
 */
public enum CopyStrategy {
  /** Nothing about the value can change: every caller gets the same instance. */
  SHARE,
  /** A primitive array: each caller gets a clone. */
  CLONE_ARRAY,
  /** A plain JDK collection of shareable elements: each caller gets a new collection of the same elements. */
  COPY_COLLECTION,
  /** Anything else: L1 holds the L2 bytes, and each caller gets them decoded afresh. */
  DECODE;

  /**
   * @return a copy of {@code held} for one caller, for {@link #CLONE_ARRAY} and {@link #COPY_COLLECTION}
   * @throws IllegalStateException for the other strategies, which need no copy or the codec
   */
  public Object copy(Object held) {
    switch (this) {
      case CLONE_ARRAY:
        return cloneArray(held);
      case COPY_COLLECTION:
        return copyCollection(held);
      default:
        throw new IllegalStateException(this + " values are not copied in memory");
    }
  }

  private static Object cloneArray(Object array) {
    if (array instanceof byte[] bytes) {
      return bytes.clone();
    }
    if (array instanceof int[] ints) {
      return ints.clone();
    }
    if (array instanceof long[] longs) {
      return longs.clone();
    }
    if (array instanceof char[] chars) {
      return chars.clone();
    }
    if (array instanceof double[] doubles) {
      return doubles.clone();
    }
    if (array instanceof float[] floats) {
      return floats.clone();
    }
    if (array instanceof short[] shorts) {
      return shorts.clone();
    }
    return ((boolean[]) array).clone();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object copyCollection(Object collection) {
    if (collection instanceof ArrayList<?> list) {
      return new ArrayList<>(list);
    }
    if (collection instanceof LinkedHashMap<?, ?> map) {
      return new LinkedHashMap<>(map);
    }
    if (collection instanceof HashMap<?, ?> map) {
      return new HashMap<>(map);
    }
    if (collection instanceof LinkedHashSet<?> set) {
      return new LinkedHashSet<>(set);
    }
    return new HashSet<>((Set) collection);
  }
}
