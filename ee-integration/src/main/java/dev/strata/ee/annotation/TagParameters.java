package dev.strata.ee.annotation;

import dev.strata.ee.CacheTag;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameters of a method that carry {@link CacheTag}, and the tags they make of a call's
 * arguments: the tag's name, a colon, and {@code String.valueOf} of the argument. Immutable.
 */
public final class TagParameters {

  private static final TagParameters NONE = new TagParameters(new int[0], new String[0]);

  private final int[] positions;
  private final String[] names;

  private TagParameters(int[] positions, String[] names) {
    this.positions = positions;
    this.names = names;
  }

  /** @return the tag parameters of {@code method}, none if no parameter carries {@link CacheTag} */
  public static TagParameters of(Method method) {
    List<Integer> positions = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof CacheTag tag) {
          if (tag.value().isBlank()) {
            throw new IllegalArgumentException("@CacheTag on parameter " + i + " of " + method
                + " has a blank name; name the group, such as @CacheTag(\"user\")");
          }
          positions.add(i);
          names.add(tag.value());
        }
      }
    }
    if (positions.isEmpty()) {
      return NONE;
    }
    return new TagParameters(positions.stream().mapToInt(Integer::intValue).toArray(), names.toArray(String[]::new));
  }

  public boolean isEmpty() {
    return positions.length == 0;
  }

  /** @return the tags of one call, in parameter order */
  public Set<String> tags(Object[] arguments) {
    Set<String> tags = new LinkedHashSet<>();
    for (int i = 0; i < positions.length; i++) {
      tags.add(names[i] + ":" + arguments[positions[i]]);
    }
    return tags;
  }
}
