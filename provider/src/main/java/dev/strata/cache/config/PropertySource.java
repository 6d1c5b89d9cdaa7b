package dev.strata.cache.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where Strata reads its settings: the properties given to
 * {@code CachingProvider.getCacheManager(uri, classLoader, properties)} first, then system
 * properties. Parsing methods fail with an {@link IllegalArgumentException} that names the key,
 * the value and what is allowed. Immutable and thread-safe.
 */
public final class PropertySource {

  /** Every Strata key starts with this. */
  public static final String PREFIX = "strata.";

  private final Properties properties;

  private PropertySource(Properties properties) {
    this.properties = properties;
  }

  /** @param given the manager's properties; may be empty, never null */
  public static PropertySource of(Properties given) {
    Properties merged = new Properties();
    System.getProperties().forEach((k, v) -> {
      if (k instanceof String key && key.startsWith(PREFIX)) {
        merged.put(k, v);
      }
    });
    given.forEach((k, v) -> {
      if (k instanceof String && v != null) {
        merged.put(k, v.toString());
      }
    });
    return new PropertySource(merged);
  }

  /** @return the raw value, or null */
  public String raw(String key) {
    Object value = properties.get(key);
    return value == null ? null : value.toString().trim();
  }

  /** @return every Strata key present */
  public Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    for (Object k : properties.keySet()) {
      if (k instanceof String key && key.startsWith(PREFIX)) {
        keys.add(key);
      }
    }
    return keys;
  }

  public String string(String key, String defaultValue) {
    String value = raw(key);
    return value == null || value.isEmpty() ? defaultValue : value;
  }

  public boolean bool(String key, boolean defaultValue) {
    String value = raw(key);
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw invalid(key, value, "true or false");
    }
  }

  public int nonNegativeInt(String key, int defaultValue) {
    String value = raw(key);
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw invalid(key, value, "0 or a positive integer, e.g. " + defaultValue);
  }

  public int positiveInt(String key, int defaultValue) {
    String value = raw(key);
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw invalid(key, value, "a positive integer, e.g. " + defaultValue);
  }

  /** A strictly positive ISO-8601 duration such as {@code PT1S} or {@code PT0.5S}. */
  public Duration positiveDuration(String key, Duration defaultValue) {
    String value = raw(key);
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    try {
      Duration parsed = Duration.parse(value);
      if (!parsed.isNegative() && !parsed.isZero()) {
        return parsed;
      }
    } catch (DateTimeParseException ignored) {
      // reported below
    }
    throw invalid(key, value, "a positive ISO-8601 duration such as " + (defaultValue == null ? "PT10M" : defaultValue));
  }

  public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
    String value = raw(key);
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    StringBuilder allowed = new StringBuilder("one of");
    for (E constant : type.getEnumConstants()) {
      allowed.append(' ').append(constant.name().toLowerCase(Locale.ROOT));
    }
    throw invalid(key, value, allowed.toString());
  }

  /** @return the exception for a bad value, naming key, value and what is allowed */
  public static IllegalArgumentException invalid(String key, String value, String allowed) {
    return new IllegalArgumentException("Strata property '" + key + "' has the invalid value '"
        + value + "'; allowed: " + allowed + ". Fix the value or remove the property to use the default.");
  }
}
