package dev.strata.ee.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheValue;

/**
 * Which parameters of an annotated method form the key and which one is the value, with each
 * parameter's declared type and annotations. As the spec says, the key is the {@code @CacheKey}
 * parameters, or, when none is marked, every parameter but the {@code @CacheValue} one. Immutable.
 */
final class ParameterLayout {

  private final Class<?>[] types;
  private final List<Set<Annotation>> annotations;
  private final int[] keyIndexes;
  private final int valueIndex;

  private ParameterLayout(Class<?>[] types, List<Set<Annotation>> annotations, int[] keyIndexes, int valueIndex) {
    this.types = types;
    this.annotations = annotations;
    this.keyIndexes = keyIndexes;
    this.valueIndex = valueIndex;
  }

  static ParameterLayout of(Method method) {
    Annotation[][] perParameter = method.getParameterAnnotations();
    List<Set<Annotation>> annotations = new ArrayList<>(perParameter.length);
    List<Integer> keys = new ArrayList<>();
    int valueIndex = -1;
    for (int i = 0; i < perParameter.length; i++) {
      annotations.add(Collections.unmodifiableSet(new HashSet<>(Arrays.asList(perParameter[i]))));
      for (Annotation annotation : perParameter[i]) {
        if (annotation instanceof CacheKey) {
          keys.add(i);
        } else if (annotation instanceof CacheValue) {
          valueIndex = i;
        }
      }
    }
    if (keys.isEmpty()) {
      for (int i = 0; i < perParameter.length; i++) {
        if (i != valueIndex) {
          keys.add(i);
        }
      }
    }
    return new ParameterLayout(method.getParameterTypes(), annotations,
        keys.stream().mapToInt(Integer::intValue).toArray(), valueIndex);
  }

  /** @return the parameter at {@code index} of one call */
  Parameter parameter(int index, Object value) {
    return new Parameter(types[index], value, annotations.get(index), index);
  }

  /** @return the positions of the key parameters; the caller must not change the array */
  int[] keyIndexes() {
    return keyIndexes;
  }

  /** @return the position of the {@code @CacheValue} parameter, or -1 */
  int valueIndex() {
    return valueIndex;
  }

  /** @return a new array of the key parameters' values in one call's arguments */
  Object[] keyValues(Object[] arguments) {
    Object[] values = new Object[keyIndexes.length];
    for (int i = 0; i < keyIndexes.length; i++) {
      values[i] = arguments[keyIndexes[i]];
    }
    return values;
  }
}
