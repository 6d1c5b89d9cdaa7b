package dev.strata.benchmarks;

import java.util.List;
import java.util.Set;

/**
 * The classes a codec may load while decoding: exact names (the JDK types the benchmark's values
 * are made of) and package prefixes (the benchmark's own classes). Immutable, so thread-safe.
 */
final class ClassAllowList {

  /** What the benchmark's values and checks need, and nothing else. */
  static final ClassAllowList BENCHMARK = new ClassAllowList(
      Set.of("java.lang.String", "java.lang.Number", "java.lang.Long", "java.lang.Integer", "java.lang.Double",
          "java.math.BigDecimal", "java.math.BigInteger", "java.util.ArrayList", "[B", "[I", "[J",
          "[Ljava.lang.Object;"),
      List.of(Values.class.getPackageName() + "."));

  private final Set<String> names;
  private final List<String> prefixes;

  ClassAllowList(Set<String> names, List<String> prefixes) {
    this.names = names;
    this.prefixes = prefixes;
  }

  /** The package prefixes, for codecs that keep an allow list of their own. */
  List<String> prefixes() {
    return prefixes;
  }

  boolean allows(String className) {
    if (names.contains(className)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
