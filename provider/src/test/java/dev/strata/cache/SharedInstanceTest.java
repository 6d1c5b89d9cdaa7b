package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.cache.spi.StrataCachingProvider;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Properties;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Two cache managers of one URI share one Hazelcast member (two applications on one Strata
 * library, say), each with its own L1 of the same map. The member's invalidations name the member
 * that wrote, not the cache: a write through one manager is a foreign write for the other, whose L1
 * must drop the key.
 */
class SharedInstanceTest {

  @Test
  void get_writeThroughTheOtherManagerOfTheSameMember_isSeen() {
    Properties properties = new Properties();
    properties.setProperty("strata.hazelcast.cluster-name", "shared-" + UUID.randomUUID());
    properties.setProperty("strata.hazelcast.port", "5965");
    StrataCachingProvider provider = new StrataCachingProvider();
    URI uri = URI.create("strata:shared");
    ClassLoader other = new URLClassLoader(new URL[0], SharedInstanceTest.class.getClassLoader());
    try (CacheManager first = provider.getCacheManager(uri, SharedInstanceTest.class.getClassLoader(), properties);
         CacheManager second = provider.getCacheManager(uri, other, properties)) {
      assertThat(first).isNotSameAs(second);
      MutableConfiguration<String, String> configuration = new MutableConfiguration<String, String>()
          .setTypes(String.class, String.class).setStatisticsEnabled(true);
      Cache<String, String> onFirst = first.createCache("shared", configuration);
      Cache<String, String> onSecond = second.createCache("shared", configuration);
      onFirst.put("k", "v1");
      assertThat(onSecond.get("k")).isEqualTo("v1");
      assertThat(onSecond.get("k")).isEqualTo("v1");

      onFirst.put("k", "v2");

      await("the second manager to see v2").atMost(Cluster.PATIENCE).until(() -> "v2".equals(onSecond.get("k")));
    } finally {
      provider.close();
    }
  }
}
