package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Without L1 a get reads the clock only for an entry that can expire (a store-by-reference cache,
 * or L1 switched off). The expiring entry must still expire on time, on both stores.
 */
class ExpiryWithoutL1Test {

  private static final ManualClock CLOCK = new ManualClock();
  private static Cluster cluster;
  private static Node node;

  @BeforeAll
  static void start() {
    cluster = Cluster.onPorts(5940, 5944);
    node = cluster.member(CLOCK, Map.of("strata.cache.default.l1.enabled", "false"));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @ParameterizedTest(name = "store-by-value {0}")
  @ValueSource(booleans = {true, false})
  void get_entryWithTtl_isServedBeforeItsExpiryAndMissedFromIt(boolean storeByValue) {
    Cache<String, String> cache = node.manager().createCache("ttl-" + storeByValue, new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class).setStoreByValue(storeByValue)
        .setExpiryPolicyFactory(FactoryBuilder.factoryOf(new CreatedExpiryPolicy(
            new javax.cache.expiry.Duration(TimeUnit.SECONDS, 10)))));
    cache.put("expiring", "v");

    CLOCK.advance(Duration.ofMillis(9_999));
    assertThat(cache.get("expiring")).isEqualTo("v");

    CLOCK.advance(Duration.ofMillis(1));
    assertThat(cache.get("expiring")).isNull();
  }
}
