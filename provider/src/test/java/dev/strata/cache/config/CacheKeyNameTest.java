package dev.strata.cache.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a per-cache property name splits into its cache name and setting, and back. */
class CacheKeyNameTest {

  @ParameterizedTest(name = "{0} -> {1} / {2}")
  @CsvSource({
      "strata.cache.users.ttl, users, ttl",
      "strata.cache.User-Data.l1.max-size, User-Data, l1.max-size",
      "strata.cache.a.b.expiry, a.b, expiry",
      "strata.cache.default.single-flight.timeout, default, single-flight.timeout",
      "strata.cache.ttl.ttl, ttl, ttl",
  })
  void parse_perCacheKey_splitsCacheNameAndSetting(String propertyName, String cacheName, String setting) {
    CacheKeyName parsed = CacheKeyName.parse(propertyName).orElseThrow();

    assertThat(parsed).isEqualTo(new CacheKeyName(cacheName, setting));
    assertThat(parsed.propertyName()).isEqualTo(propertyName);
  }

  @ParameterizedTest
  @ValueSource(strings = {"strata.cache.users.tll", "strata.cache.ttl", "strata.cache..ttl", "strata.hazelcast.port",
      "strata.users.ttl", "cache.users.ttl", "strata.cache.users.l1.max.size"})
  void parse_notAPerCacheKey_isEmpty(String propertyName) {
    assertThat(CacheKeyName.parse(propertyName)).isEmpty();
  }
}
