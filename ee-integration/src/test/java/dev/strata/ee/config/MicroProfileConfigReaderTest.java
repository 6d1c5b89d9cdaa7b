package dev.strata.ee.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which Strata key a MicroProfile Config property name stands for; '-' in the table means none. */
class MicroProfileConfigReaderTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "strata.cache.users.ttl, strata.cache.users.ttl",
      "strata.cache.User-Data.l1.max-size, strata.cache.User-Data.l1.max-size",
      "STRATA_CACHE_USERS_L1_MAX_SIZE, strata.cache.users.l1.max-size",
      "strata.cache.users.l1.max.size, strata.cache.users.l1.max-size",
      "STRATA_CACHE_USER_DATA_TTL, strata.cache.user_data.ttl",
      "STRATA_CACHE_DEFAULT_SINGLE_FLIGHT_TIMEOUT, strata.cache.default.single-flight.timeout",
      "STRATA_HAZELCAST_CLUSTER_NAME, strata.hazelcast.cluster-name",
      "STRATA_MANAGEMENT_ENABLED, strata.management.enabled",
      "strata.hazelcast.cluster.name, strata.hazelcast.cluster-name",
      "strata.hazelcast.cluster-name, strata.hazelcast.cluster-name",
      "strata.cache.users.tll, strata.cache.users.tll",
      "strata.hazelcast.clustername, strata.hazelcast.clustername",
      "strata.home, strata.home",
      "STRATA_HOME, -",
      "STRATA_CACHE_TTL, -",
      "java.home, -",
  })
  void strataKey_propertyName_mapsToTheKeyItStandsFor(String name, String expected) {
    assertThat(MicroProfileConfigReader.strataKey(name)).isEqualTo("-".equals(expected) ? null : expected);
  }
}
