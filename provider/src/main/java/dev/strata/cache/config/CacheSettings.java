package dev.strata.cache.config;

import java.time.Duration;

/**
 * The Strata settings of one cache, beyond what its JSR-107 configuration says. Each key is
 * looked up as {@code strata.cache.<name>.<key>}, then {@code strata.cache.default.<key>}, then
 * falls back to its default. Immutable.
 *
 * @param l1Enabled    whether the near cache (L1) is on
 * @param l1MaxSize    the most entries L1 holds
 * @param maxStaleness the longest an L1 entry is served without going back to L2
 */
public record CacheSettings(boolean l1Enabled, int l1MaxSize, Duration maxStaleness) {

  public static final String L1_ENABLED = "l1.enabled";
  public static final String L1_MAX_SIZE = "l1.max-size";
  public static final String MAX_STALENESS = "max-staleness";

  public static final boolean DEFAULT_L1_ENABLED = true;
  public static final int DEFAULT_L1_MAX_SIZE = 10_000;
  public static final Duration DEFAULT_MAX_STALENESS = Duration.ofSeconds(1);

  /** The name used for defaults shared by every cache. */
  public static final String DEFAULT_CACHE = "default";

  /**
   * Reads the settings of {@code cacheName}.
   *
   * @throws IllegalArgumentException naming the key, the value and what is allowed
   */
  public static CacheSettings of(PropertySource source, String cacheName) {
    return new CacheSettings(
        source.bool(key(source, cacheName, L1_ENABLED), DEFAULT_L1_ENABLED),
        source.positiveInt(key(source, cacheName, L1_MAX_SIZE), DEFAULT_L1_MAX_SIZE),
        source.positiveDuration(key(source, cacheName, MAX_STALENESS), DEFAULT_MAX_STALENESS));
  }

  /** Checks every per-cache key this module knows, for every cache named in the source. */
  public static void validate(PropertySource source) {
    for (String key : source.keys()) {
      if (!key.startsWith("strata.cache.")) {
        continue;
      }
      for (String setting : new String[] {L1_ENABLED, L1_MAX_SIZE, MAX_STALENESS}) {
        if (key.endsWith("." + setting) && key.length() > "strata.cache.".length() + setting.length() + 1) {
          String cacheName = key.substring("strata.cache.".length(), key.length() - setting.length() - 1);
          of(source, cacheName);
        }
      }
    }
  }

  /** @return the per-cache key if present, else the shared default key */
  private static String key(PropertySource source, String cacheName, String setting) {
    String specific = "strata.cache." + cacheName + "." + setting;
    return source.raw(specific) != null ? specific : "strata.cache." + DEFAULT_CACHE + "." + setting;
  }
}
