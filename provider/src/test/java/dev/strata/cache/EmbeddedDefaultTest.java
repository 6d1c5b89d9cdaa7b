package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.HazelcastInstance;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

/** With no configuration at all, Strata runs on a private Hazelcast member that only this machine can reach. */
class EmbeddedDefaultTest {

  private static final String PROVIDER = "dev.strata.cache.spi.StrataCachingProvider";

  @Test
  void getCachingProvider_noConfiguration_runsCachesOnAPrivateLoopbackMember() {
    try (CachingProvider provider = Caching.getCachingProvider(PROVIDER)) {
      CacheManager manager = provider.getCacheManager();
      Cache<String, String> cache = manager.createCache("default-test",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));

      cache.put("k", "v");

      assertThat(cache.get("k")).isEqualTo("v");
      HazelcastInstance member = manager.unwrap(StrataCacheManager.class).hazelcastInstance();
      assertThat(member.getCluster().getLocalMember().getAddress().getHost()).isEqualTo("127.0.0.1");
      assertThat(member.getCluster().getMembers()).hasSize(1);
      JoinConfig join = member.getConfig().getNetworkConfig().getJoin();
      assertThat(join.getMulticastConfig().isEnabled()).as("multicast").isFalse();
      assertThat(join.getTcpIpConfig().isEnabled()).as("TCP/IP join").isFalse();
      assertThat(join.getAutoDetectionConfig().isEnabled()).as("auto-detection").isFalse();
    }
  }

  @Test
  void close_provider_shutsDownTheMemberItStarted() {
    HazelcastInstance member;
    try (CachingProvider provider = Caching.getCachingProvider(PROVIDER)) {
      CacheManager manager = provider.getCacheManager();
      manager.createCache("default-test", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      member = manager.unwrap(StrataCacheManager.class).hazelcastInstance();
      assertThat(member.getLifecycleService().isRunning()).isTrue();
    }

    assertThat(member.getLifecycleService().isRunning()).isFalse();
  }
}
