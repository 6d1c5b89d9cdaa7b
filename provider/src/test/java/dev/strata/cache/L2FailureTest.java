package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.CacheException;
import javax.cache.processor.MutableEntry;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * When Hazelcast under a cache fails, every cache operation throws the spec's {@link CacheException}
 * naming the cache, what it tried, and the fix, with Hazelcast's exception as the cause.
 */
class L2FailureTest {

  private static final String CACHE = "orders";

  @Test
  void everyOperation_afterItsMemberStopped_throwsCacheExceptionNamingTheCacheAndTheFix() {
    try (Cluster cluster = Cluster.onPorts(5950, 5954)) {
      Node node = cluster.member();
      StrataCache<String, String> cache = node.cache(CACHE, String.class, String.class);
      cache.put("k", "v");

      node.terminate();

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
          .isInstanceOf(CacheException.class)
          .hasCauseInstanceOf(HazelcastInstanceNotActiveException.class)
          .hasMessageStartingWith("Cache 'orders' could not ")
          .hasMessageContaining("map strata/")
          .hasMessageContaining("Its Hazelcast instance has stopped")
          .hasMessageContaining("close the cache managers of this URI"));
    }
  }
}
