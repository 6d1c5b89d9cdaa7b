package dev.strata.cache.config;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The two parts of a per-cache property name, {@code strata.cache.<cacheName>.<setting>}, with
 * {@code <setting>} one of {@link CacheSettings#KEYS}. A cache name may itself contain dots, so
 * the setting is found at the end of the name, not at the next dot. The one place that parses and
 * builds these names: the provider, the CDI module's configuration reader and its validation all
 * use it. Immutable.
 *
 * @param cacheName the cache the setting applies to, or {@link CacheSettings#DEFAULT_CACHE}
 * @param setting   one of {@link CacheSettings#KEYS}
 */
public record CacheKeyName(String cacheName, String setting) {

  /** Every per-cache property name starts with this. */
  public static final String PREFIX = "strata.cache.";

  /** Longest first: should one setting ever end with another, the longer one is the setting. */
  private static final List<String> SETTINGS = CacheSettings.KEYS.stream()
      .sorted(Comparator.comparingInt(String::length).reversed())
      .toList();

  /**
   * @return the cache name and setting of {@code propertyName}, or empty if it is not
   *     {@code strata.cache.<non-empty cache name>.<known setting>}
   */
  public static Optional<CacheKeyName> parse(String propertyName) {
    if (!propertyName.startsWith(PREFIX)) {
      return Optional.empty();
    }
    for (String setting : SETTINGS) {
      int cacheNameEnd = propertyName.length() - setting.length() - 1;
      if (cacheNameEnd > PREFIX.length() && propertyName.endsWith("." + setting)) {
        return Optional.of(new CacheKeyName(propertyName.substring(PREFIX.length(), cacheNameEnd), setting));
      }
    }
    return Optional.empty();
  }

  /** @return {@code strata.cache.<cacheName>.<setting>} */
  public String propertyName() {
    return PREFIX + cacheName + "." + setting;
  }
}
