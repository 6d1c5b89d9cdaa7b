package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.junit.jupiter.api.Test;

/**
 * The public statistics of a cache: read through {@link CacheStatistics}, counted only while the
 * spec's switch is on, evictions really counted, sizes of both tiers, and the effective policy.
 */
class CacheStatisticsTest {

  @Test
  void evictions_l1BoundExceeded_countsWhatL1EvictedAndL2KeepsEverything() {
    try (Cluster cluster = Cluster.onPorts(5995, 5998)) {
      Node node = cluster.member(Map.of("strata.cache.small.l1.max-size", "10"));
      StrataCache<String, Integer> cache = node.cache("small", String.class, Integer.class);
      for (int i = 0; i < 200; i++) {
        cache.put("k" + i, i);
        cache.get("k" + i);
      }

      CacheStatistics statistics = cache.statistics();
      assertThat(statistics.evictions()).as("entries L1 evicted for l1.max-size=10").isPositive();
      assertThat(statistics.l1Size()).isLessThanOrEqualTo(10);
      assertThat(statistics.l2Size()).as("L2 evicts nothing").isEqualTo(200);
      assertThat(statistics.removals()).as("an eviction is not a removal").isZero();
    }
  }

  @Test
  void counting_followsSetStatistics_offThenOnThenOff() {
    try (Cluster cluster = Cluster.onPorts(5995, 5998)) {
      Node node = cluster.member();
      StrataCache<String, String> cache = node.manager().createCache("switched",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class))
          .unwrap(StrataCache.class);
      cache.put("k", "v");
      cache.get("k");
      assertThat(cache.statistics().enabled()).isFalse();
      assertThat(cache.statistics().gets()).as("gets while statistics are off").isZero();

      node.manager().enableStatistics("switched", true);
      cache.get("k");
      cache.get("absent");
      assertThat(cache.statistics().hits()).isEqualTo(1);
      assertThat(cache.statistics().misses()).isEqualTo(1);
      assertThat(cache.statistics().hitRatio()).isEqualTo(0.5);

      node.manager().enableStatistics("switched", false);
      cache.get("k");
      assertThat(cache.statistics().gets()).as("gets after statistics went off again").isEqualTo(2);
    }
  }

  /**
   * A computed result after a miss: stored when the key is still absent, refused when a write got
   * there first, counted as a put when stored and never as a read (the miss was counted already).
   * Gets are timed into the latency distribution.
   */
  @Test
  void storeComputed_storesOnlyWhenAbsent_countsNoRead_andGetsAreTimed() {
    try (Cluster cluster = Cluster.onPorts(5995, 5998)) {
      Node node = cluster.member(Map.of("strata.cache.computed.statistics", "true"));
      StrataCache<String, String> cache = node.cache("computed", String.class, String.class);
      assertThat(cache.get("k")).isNull();

      assertThat(cache.storeComputed("k", "computed", java.util.List.of())).isTrue();
      cache.put("k", "written meanwhile");
      assertThat(cache.storeComputed("k", "older result", java.util.List.of())).isFalse();

      assertThat(cache.get("k")).isEqualTo("written meanwhile");
      CacheStatistics statistics = cache.statistics();
      assertThat(statistics.misses()).as("the one get that missed").isEqualTo(1);
      assertThat(statistics.hits()).isEqualTo(1);
      assertThat(statistics.puts()).as("the stored result and the put").isEqualTo(2);
      assertThat(statistics.getLatency().count()).as("both gets timed").isEqualTo(2);
      assertThat(statistics.getLatency().p99()).isPositive().isLessThanOrEqualTo(statistics.getLatency().max());
    }
  }

  @Test
  void policy_configurationAndStrataKeys_areWhatTheCacheRunsWith() {
    try (Cluster cluster = Cluster.onPorts(5995, 5998)) {
      Node node = cluster.member(Map.of("strata.cache.priced.max-staleness", "PT2S",
          "strata.cache.priced.l1.max-size", "500"));
      StrataCache<String, String> cache = node.manager().createCache("priced",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class)
              .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.TEN_MINUTES)))
          .unwrap(StrataCache.class);

      CachePolicy policy = cache.statistics().policy();

      assertThat(policy.cacheName()).isEqualTo("priced");
      assertThat(policy.expiry()).isEqualTo("created");
      assertThat(policy.ttl()).isEqualTo(Duration.ofMinutes(10));
      assertThat(policy.l1Enabled()).isTrue();
      assertThat(policy.l1MaxSize()).isEqualTo(500);
      assertThat(policy.maxStaleness()).isEqualTo(Duration.ofSeconds(2));
      assertThat(policy.storeByValue()).isTrue();
      assertThat(policy.statistics()).isFalse();
      assertThat(policy.readThrough()).isFalse();
    }
  }
}
