package dev.strata.ee.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ee.StrataContainer;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Strata's keys as environment variables, named the MicroProfile Config way: every character
 * that is not a letter or digit becomes '_', and the name is upper case
 * ({@code strata.hazelcast.cluster-name} is {@code STRATA_HAZELCAST_CLUSTER_NAME}). A per-cache key
 * names the cache in that form too, so it reaches caches whose names are lower-case letters, digits
 * and '_' ({@code STRATA_CACHE_USERS_TTL}); the shared {@code default} keys reach every cache.
 */
class EnvironmentVariablesTest {

  @Test
  void deploy_hazelcastKeyWithDash_reachesTheMember() {
    String clusterName = "ee-test-env-" + UUID.randomUUID();
    try (StrataContainer container = StrataContainer.builder()
        .config("strata.hazelcast.cluster-name", null)
        .environment("STRATA_HAZELCAST_CLUSTER_NAME", clusterName)
        .start()) {
      container.runtime().cache("any").put("k", "v");

      assertThat(container.runtime().manager().hazelcastInstance().getConfig().getClusterName()).isEqualTo(clusterName);
    }
  }

  @Test
  void deploy_perCacheAndDefaultKeysWithDashes_applyToTheirCaches() {
    try (StrataContainer container = StrataContainer.builder()
        .environment("STRATA_CACHE_USERS_L1_MAX_SIZE", "50")
        .environment("STRATA_CACHE_USERS_TTL", "PT5M")
        .environment("STRATA_CACHE_DEFAULT_SINGLE_FLIGHT_TIMEOUT", "PT2S")
        .environment("STRATA_CACHE_DEFAULT_NULL_CACHING", "true")
        .start()) {
      StrataConfig config = container.runtime().config();

      assertThat(config.settings("users").l1MaxSize()).isEqualTo(50);
      assertThat(config.settings("users").ttl()).isEqualTo(Duration.ofMinutes(5));
      assertThat(config.policy("orders").singleFlightTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(config.policy("orders").nullCaching()).isTrue();
    }
  }

  @Test
  void deploy_keyInConfigAndInEnvironment_higherOrdinalWins() {
    try (StrataContainer container = StrataContainer.builder()
        .config("strata.cache.users.max-staleness", "PT3S")
        .environment("STRATA_CACHE_USERS_MAX_STALENESS", "PT9S")
        .start()) {
      assertThat(container.runtime().config().settings("users").maxStaleness()).isEqualTo(Duration.ofSeconds(3));
    }
  }

  @Test
  void deploy_dashWrittenAsDotInConfigFile_failsAsUnknownKey() {
    assertThatThrownBy(() -> StrataContainer.builder().config("strata.cache.users.max.staleness", "PT1S").start().close())
        .isInstanceOf(DeploymentException.class)
        .hasMessageContainingAll("'strata.cache.users.max.staleness'", "no such key");
  }

  @Test
  void deploy_invalidValueInEnvironment_failsNamingTheKey() {
    assertThatThrownBy(() -> StrataContainer.builder().environment("STRATA_CACHE_USERS_L1_MAX_SIZE", "lots").start().close())
        .isInstanceOf(DeploymentException.class)
        .hasMessageContainingAll("'strata.cache.users.l1.max-size'", "'lots'", "a positive integer");
  }

  /** Keys outside strata.cache. and strata.hazelcast. are not Strata's (README), so neither is STRATA_HOME. */
  @Test
  void deploy_unrelatedVariablesStartingWithStrata_areIgnored() {
    try (StrataContainer container = StrataContainer.builder()
        .environment("STRATA_HOME", "/opt/strata")
        .environment("STRATA_RELEASE_CHANNEL", "beta")
        .config("strata.release.channel", "beta")
        .start()) {
      assertThat(container.runtime().config().settings("users").l1Enabled()).isTrue();
    }
  }
}
