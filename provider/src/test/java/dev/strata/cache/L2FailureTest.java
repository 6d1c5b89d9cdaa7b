package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import dev.strata.cache.StrataCacheManager.L2State;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.processor.MutableEntry;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * When Hazelcast under a cache fails, every cache operation throws the spec's {@code CacheException}, an {@link L2UnavailableException},
 * naming the cache, what it tried, and the fix, with Hazelcast's exception as the cause.
 */
class L2FailureTest {

  private static final String CACHE = "orders";

  @Test
  void everyOperation_afterItsMemberStopped_throwsCacheExceptionNamingTheCacheAndTheFix() {
    try (Cluster cluster = Cluster.onPorts(5950, 5954)) {
      Node node = cluster.member(Map.of("strata.cache.default.max-staleness", "PT30S"));
      StrataCache<String, String> cache = node.cache(CACHE, String.class, String.class);
      cache.put("k", "v");
      // this JVM hears of its own write too: read only after that, so the read stays in L1
      await("the invalidation of the put").atMost(Cluster.PATIENCE).until(() -> cache.statistics().invalidationsReceived() == 1);
      assertThat(cache.get("k")).isEqualTo("v");
      assertThat(cache.statistics().l1Size()).as("k in L1").isEqualTo(1);

      node.terminate();

      // L1 still holds k, but vouches for nothing once its instance stopped: the read goes to L2, which is gone
      assertThatThrownBy(() -> cache.get("k")).as("k read from L1 once its instance stopped")
          .isInstanceOf(javax.cache.CacheException.class);

      Map<String, ThrowingCallable> operations = new LinkedHashMap<>();
      operations.put("get", () -> cache.get("k"));
      operations.put("getAll", () -> cache.getAll(Set.of("k", "j")));
      operations.put("containsKey", () -> cache.containsKey("k"));
      operations.put("put", () -> cache.put("k", "v2"));
      operations.put("putIfAbsent", () -> cache.putIfAbsent("j", "v"));
      operations.put("replace", () -> cache.replace("k", "v", "v2"));
      operations.put("remove", () -> cache.remove("k"));
      operations.put("invoke", () -> cache.invoke("k", (MutableEntry<String, String> entry, Object... args) -> entry.getValue()));
      operations.put("clear", cache::clear);
      operations.put("iterator", () -> cache.iterator().hasNext());
      operations.forEach((name, operation) -> assertThatThrownBy(operation).as(name)
          .isInstanceOf(L2UnavailableException.class)
          .hasCauseInstanceOf(HazelcastInstanceNotActiveException.class)
          .hasMessageStartingWith("Cache 'orders' could not ")
          .hasMessageContaining("map strata/")
          .hasMessageContaining("Its Hazelcast instance has stopped")
          .hasMessageContaining("close the cache managers of this URI"));
    }
  }

  /**
   * A client keeps reconnecting for as long as its cluster is away. Meanwhile operations fail at
   * once, rather than waiting out Hazelcast's two-minute invocation timeout, and once a member is
   * back the same cache works again.
   */
  @Test
  void operations_onAClientWhileItsClusterIsAway_failFastAndWorkAgainOnceItIsBack() {
    try (Cluster cluster = Cluster.onPorts(5950, 5954)) {
      HazelcastInstance member = cluster.plainMember();
      cluster.awaitStable();
      Node client = cluster.client(Map.of(
          "strata.hazelcast.members", "127.0.0.1:5950,127.0.0.1:5951,127.0.0.1:5952,127.0.0.1:5953,127.0.0.1:5954",
          "strata.hazelcast.connect-timeout", "PT1S"));
      StrataCache<String, String> cache = client.cache(CACHE, String.class, String.class);
      cache.put("k", "v");

      member.getLifecycleService().terminate();
      await("the client to see its cluster gone").atMost(Cluster.PATIENCE)
          .until(() -> client.manager().l2State() == L2State.DISCONNECTED);

      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> cache.get("k"))
          .isInstanceOf(L2UnavailableException.class)
          .hasCauseInstanceOf(HazelcastClientOfflineException.class)
          .hasMessageStartingWith("Cache 'orders' could not read an entry in Hazelcast")
          .hasMessageContaining("Check that the cluster's members are running and reachable ('strata.hazelcast.members'"));

      cluster.plainMember();
      await("the client to reconnect, well past its connect timeout").atMost(Cluster.PATIENCE).ignoreExceptions()
          .until(() -> {
            cache.put("k", "v2");
            return true;
          });
      assertThat(cache.get("k")).isEqualTo("v2");
      assertThat(client.manager().l2State()).isEqualTo(L2State.RUNNING);
    }
  }
}
