package dev.strata.cache.config;

import dev.strata.cache.copy.AllowList;
import dev.strata.cache.copy.ImmutableTypes;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the operator adds to the classes Strata may decode from the cluster, and the classes the
 * operator declares immutable. Both are provider-wide: a class is allowed, or immutable, whatever
 * cache holds it. Immutable.
 *
 * @param allowedClasses   exact class names allowed besides the JDK's value types and the application's classes
 * @param allowedPackages  package prefixes (each ending in {@code .}) allowed with their subpackages
 * @param immutableClasses class names whose instances L1 may share between callers; these are allowed too
 */
public record SerializationSettings(Set<String> allowedClasses, Set<String> allowedPackages, Set<String> immutableClasses) {

  /**
   * Comma-separated classes ({@code com.acme.Money}) and packages ({@code com.acme.*}, subpackages
   * included) that Strata may decode besides the JDK's value types and the application's classes.
   */
  public static final String ALLOW = "strata.serialization.allow";
  /** Comma-separated classes whose instances never change after construction: L1 hands them out without a copy. */
  public static final String IMMUTABLE = "strata.serialization.immutable";

  static final Set<String> KEYS = Set.of(ALLOW, IMMUTABLE);

  private static final String IDENTIFIER = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";
  private static final Pattern CLASS_NAME = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")*(\\$" + IDENTIFIER + ")*");
  private static final Pattern PACKAGE = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")*\\.\\*");

  /**
   * Reads and validates every {@code strata.serialization.*} key.
   *
   * @throws IllegalArgumentException naming the key, the value and what is allowed
   */
  public static SerializationSettings from(PropertySource source) {
    for (String key : source.keys()) {
      if (key.startsWith("strata.serialization.") && !KEYS.contains(key)) {
        throw PropertySource.invalid(key, source.raw(key), "no such key; the serialization keys are " + KEYS);
      }
    }
    Set<String> classes = new LinkedHashSet<>();
    Set<String> packages = new LinkedHashSet<>();
    String allow = source.string(ALLOW, "");
    for (String entry : entries(allow)) {
      if (PACKAGE.matcher(entry).matches()) {
        packages.add(entry.substring(0, entry.length() - 1));
      } else if (CLASS_NAME.matcher(entry).matches()) {
        classes.add(entry);
      } else {
        throw PropertySource.invalid(ALLOW, allow, "a comma-separated list of class names (com.acme.Money) "
            + "and packages (com.acme.*, subpackages included); '" + entry + "' is neither");
      }
    }
    Set<String> immutable = new LinkedHashSet<>();
    String declared = source.string(IMMUTABLE, "");
    for (String entry : entries(declared)) {
      if (!CLASS_NAME.matcher(entry).matches()) {
        throw PropertySource.invalid(IMMUTABLE, declared, "a comma-separated list of class names, e.g. com.acme.Money; '"
            + entry + "' is not a class name");
      }
      immutable.add(entry);
    }
    return new SerializationSettings(Set.copyOf(classes), Set.copyOf(packages), Set.copyOf(immutable));
  }

  private static Set<String> entries(String raw) {
    Set<String> entries = new LinkedHashSet<>();
    for (String part : raw.split(",")) {
      if (!part.isBlank()) {
        entries.add(part.trim());
      }
    }
    return entries;
  }

  /** @return a new allow-list with the operator's additions; the application's packages are added as caches appear */
  public AllowList allowList() {
    Set<String> classes = new LinkedHashSet<>(allowedClasses);
    classes.addAll(immutableClasses);
    return new AllowList(classes, allowedPackages);
  }

  /** @return the sharing rule with the operator's immutable classes */
  public ImmutableTypes immutableTypes() {
    return new ImmutableTypes(immutableClasses);
  }
}
