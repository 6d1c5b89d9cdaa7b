package dev.strata.ee.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ee.StrataContainer;
import dev.strata.ee.annotation.AnnotationPolicy;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every {@code strata.*} key from MicroProfile Config is validated when the container starts: a
 * bad value or an unknown key fails deployment with a message naming the key, the value and what
 * is allowed. Validation needs no cache, so no Hazelcast member starts here.
 */
class ConfigValidationTest {

  private static void assertDeploymentFails(String key, String value, String... fragments) {
    assertThatThrownBy(() -> StrataContainer.builder().config(key, value).start().close())
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("'" + key + "'")
        .hasMessageContaining("'" + value + "'")
        .hasMessageContainingAll(fragments);
  }

  @Test
  void deploy_ttlNotADuration_failsNamingKeyValueAndAllowed() {
    assertDeploymentFails("strata.cache.users.ttl", "abc", "strata.cache.users.ttl", "abc", "ISO-8601 duration");
  }

  @Test
  void deploy_unknownPerCacheKey_failsListingTheKnownKeys() {
    assertDeploymentFails("strata.cache.users.tll", "PT1M", "no such key", "ttl", "max-staleness");
  }

  @Test
  void deploy_unknownHazelcastMode_failsListingTheModes() {
    assertDeploymentFails("strata.hazelcast.mode", "foo", "embedded", "client", "instance");
  }

  @Test
  void deploy_unknownHazelcastKey_failsListingTheKnownKeys() {
    assertDeploymentFails("strata.hazelcast.cluster", "mine", "no such key", "strata.hazelcast.cluster-name");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
      "strata.cache.users.l1.max-size, -5, a positive integer",
      "strata.cache.users.l1.enabled, yes, true or false",
      "strata.cache.users.max-staleness, PT0S, a positive ISO-8601 duration",
      "strata.cache.users.expiry, sometimes, created",
      "strata.cache.users.statistics, on, true or false",
      "strata.cache.users.single-flight.timeout, soon, a positive ISO-8601 duration",
      "strata.cache.users.null-caching, maybe, true or false",
      "strata.cache.users.warm.required, yes, true or false",
      "strata.cache.default.warm.required, 1, true or false",
      "strata.cache.users.warm.keys, '1,,3', a comma-separated list of keys",
      "strata.cache.default.warm.keys, 1, set per cache",
      "strata.cache.default.ttl, -PT1M, a positive ISO-8601 duration",
      "strata.hazelcast.port, 70000, 1 to 65535",
      "strata.hazelcast.connect-timeout, 30, a positive ISO-8601 duration",
      "strata.management.enabled, yes, true or false",
  })
  void deploy_invalidValue_failsNamingKeyValueAndAllowed(String key, String value, String allowed) {
    assertDeploymentFails(key, value, allowed);
  }

  @Test
  void deploy_expiryNeedingTtlWithoutTtl_failsNamingBothKeys() {
    assertThatThrownBy(() -> StrataContainer.builder().config("strata.cache.users.expiry", "accessed").start().close())
        .isInstanceOf(DeploymentException.class)
        .hasMessageContainingAll("strata.cache.users.expiry", "strata.cache.users.ttl", "eternal");
  }

  @Test
  void deploy_validConfiguration_startsAndExposesTheSettings() {
    try (StrataContainer container = StrataContainer.builder()
        .config("strata.cache.users.ttl", "PT10M")
        .config("strata.cache.users.expiry", "accessed")
        .config("strata.cache.default.single-flight.timeout", "PT3S")
        .config("strata.cache.users.null-caching", "true")
        .start()) {
      StrataConfig config = container.runtime().config();

      assertThat(config.settings("users").ttl()).isEqualTo(Duration.ofMinutes(10));
      assertThat(config.policy("users")).isEqualTo(new AnnotationPolicy(Duration.ofSeconds(3), true));
      assertThat(config.policy("orders")).isEqualTo(new AnnotationPolicy(Duration.ofSeconds(3), false));
      assertThat(config.properties()).containsEntry("strata.cache.users.ttl", "PT10M");
      assertThat(config.managementEnabled()).as("management is off unless asked for").isFalse();
    }
  }
}
