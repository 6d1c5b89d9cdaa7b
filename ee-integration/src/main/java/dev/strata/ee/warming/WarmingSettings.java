package dev.strata.ee.warming;

import dev.strata.cache.config.CacheKeyName;
import dev.strata.cache.config.CacheSettings;
import dev.strata.cache.config.PropertySource;
import java.util.Arrays;
import java.util.List;

/**
 * The warming settings of one cache: {@code strata.cache.<name>.warm.keys} (per cache only: a key
 * list shared by every cache would make no sense) and {@code warm.required} (per cache, then
 * {@code strata.cache.default.warm.required}). Immutable.
 *
 * @param keys     the keys to load through the cache's {@code CacheLoader}; empty for none
 * @param required whether readiness waits until the cache is warm
 */
public record WarmingSettings(List<String> keys, boolean required) {

  /**
   * Reads the warming settings of {@code cacheName}.
   *
   * @throws IllegalArgumentException naming the key, the value and what is allowed
   */
  public static WarmingSettings of(PropertySource source, String cacheName) {
    String defaultKeys = new CacheKeyName(CacheSettings.DEFAULT_CACHE, CacheSettings.WARM_KEYS).propertyName();
    if (source.raw(defaultKeys) != null) {
      throw PropertySource.invalid(defaultKeys, source.raw(defaultKeys),
          "no value: warm keys are set per cache, as strata.cache.<cache-name>." + CacheSettings.WARM_KEYS);
    }
    String keysKey = new CacheKeyName(cacheName, CacheSettings.WARM_KEYS).propertyName();
    String raw = source.raw(keysKey);
    List<String> keys = raw == null ? List.of() : Arrays.stream(raw.split(",", -1)).map(String::trim).toList();
    if (keys.stream().anyMatch(String::isEmpty)) {
      throw PropertySource.invalid(keysKey, raw, "a comma-separated list of keys, none empty, e.g. 1,2,3");
    }
    return new WarmingSettings(keys, source.bool(CacheSettings.key(source, cacheName, CacheSettings.WARM_REQUIRED), false));
  }
}
