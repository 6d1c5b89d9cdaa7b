package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.cache.CacheException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Memory bounded in both tiers (issue 21): L2 evicts past {@code l2.max-size} entries per member,
 * counts it, and no L1 serves an evicted entry once the eviction's invalidation has arrived; L1
 * bounded by {@code l1.max-bytes} never holds more than that.
 */
class BoundsTest {

  private static Cluster cluster;
  private static Node a;
  private static Node b;

  @BeforeAll
  static void start() {
    cluster = Cluster.onPorts(6050, 6059);
    Map<String, String> settings = Map.of(
        "strata.cache.bounded.l2.max-size", "1000",
        "strata.cache.weighed.l1.max-bytes", "10MB",
        "strata.cache.default.statistics", "true");
    a = cluster.member(settings);
    b = cluster.member(settings);
    cluster.startAndAwaitStable(a, b);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void l2MaxSize_twentyThousandPutsOnTwoMembers_keepAbout1000PerMember_countedAndGoneFromL1() {
    StrataCache<Integer, String> onA = a.cache("bounded", Integer.class, String.class);
    StrataCache<Integer, String> onB = b.cache("bounded", Integer.class, String.class);
    // B holds the first keys in its L1 before they are evicted
    for (int key = 0; key < 200; key++) {
      onA.put(key, "value " + key);
      assertThat(onB.get(key)).isEqualTo("value " + key);
    }
    for (int key = 200; key < 20_000; key++) {
      onA.put(key, "value " + key);
    }
    for (Node node : List.of(a, b)) {
      int owned = node.map("bounded").localKeySet().size();
      // Hazelcast's PER_NODE bound is kept per partition, so a member may hold a little more or less
      assertThat(owned).as("entries owned by one member").isBetween(500, 1_100);
    }
    int total = a.map("bounded").size();
    assertThat(total).isLessThanOrEqualTo(2_200);
    await().atMost(Cluster.PATIENCE).until(() -> onA.statistics().l2Evictions() >= 20_000 - 2_200);
    assertThat(onB.statistics().l2Evictions()).as("every JVM hears of the evictions").isGreaterThan(0);

    // every key B still serves is one L2 still holds: the evicted ones left B's L1 with their invalidation
    await().atMost(Cluster.PATIENCE).untilAsserted(() -> {
      List<Integer> servedButEvicted = new ArrayList<>();
      for (int key = 0; key < 200; key++) {
        String served = onB.get(key);
        if (served != null && !a.map("bounded").containsKey((byte[]) Node.codec().encodeKey(key, true))) {
          servedButEvicted.add(key);
        }
      }
      assertThat(servedButEvicted).isEmpty();
    });
    long l1Hits = onB.statistics().l1Hits();
    int stillThere = 0;
    for (int key = 0; key < 200; key++) {
      stillThere += onB.get(key) != null ? 1 : 0;
    }
    assertThat(stillThere).as("most of the first 200 keys were evicted").isLessThan(100);
    assertThat(onB.statistics().l1Hits() - l1Hits).isLessThanOrEqualTo(stillThere);
  }

  @Test
  void l1MaxBytes_100KbValues_neverHoldMoreThanTheBound() {
    StrataCache<Integer, byte[]> onA = a.cache("weighed", Integer.class, byte[].class);
    StrataCache<Integer, byte[]> onB = b.cache("weighed", Integer.class, byte[].class);
    long bound = 10L * 1024 * 1024;
    long most = 0;
    for (int key = 0; key < 300; key++) {
      onA.put(key, new byte[100 * 1024]);
      assertThat(onB.get(key)).hasSize(100 * 1024);
      most = Math.max(most, onB.statistics().l1Bytes());
    }
    assertThat(most).as("the most bytes B's L1 held").isPositive().isLessThanOrEqualTo(bound);
    assertThat(onB.statistics().l1Size()).as("about 10 MB / 100 KB entries").isBetween(90L, 103L);
    assertThat(onB.statistics().evictions()).as("L1 evicted for bytes").isPositive();
  }

  @Test
  void badBounds_failWithTheKeyTheValueAndTheFix() {
    assertThatThrownBy(() -> a.manager().unwrap(StrataCacheManager.class).getCachingProvider().getCacheManager(
        java.net.URI.create("strata:bad-bounds"), getClass().getClassLoader(),
        props("strata.cache.x.l1.max-bytes", "ten megabytes")))
        .hasMessageContaining("strata.cache.x.l1.max-bytes").hasMessageContaining("ten megabytes")
        .hasMessageContaining("64MB");
    assertThatThrownBy(() -> a.manager().unwrap(StrataCacheManager.class).getCachingProvider().getCacheManager(
        java.net.URI.create("strata:bad-eviction"), getClass().getClassLoader(),
        props("strata.cache.x.l2.eviction", "fifo")))
        .hasMessageContaining("strata.cache.x.l2.eviction").hasMessageContaining("lru lfu");
  }

  private static java.util.Properties props(String key, String value) {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty(key, value);
    return properties;
  }

  @Test
  void anotherBoundForTheSameCache_onAnotherJvm_failsNamingBoth() {
    try (Cluster other = Cluster.onPorts(6060, 6064)) {
      Node first = other.member(Map.of("strata.cache.shared.l2.max-size", "500"));
      Node second = other.member(Map.of("strata.cache.shared.l2.max-size", "700"));
      other.startAndAwaitStable(first, second);
      first.cache("shared", String.class, String.class);
      assertThatThrownBy(() -> second.cache("shared", String.class, String.class))
          .isInstanceOf(CacheException.class).hasMessageContaining("'shared'").hasMessageContaining("l2.max-size=700")
          .hasMessageContaining("on every JVM");
    }
  }
}
