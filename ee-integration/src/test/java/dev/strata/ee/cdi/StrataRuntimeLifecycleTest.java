package dev.strata.ee.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import dev.strata.cache.CacheObserver;
import dev.strata.cache.StrataCache;
import dev.strata.cache.StrataCacheManager;
import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** How the application's cache manager and Hazelcast member follow the container: lazily started, closed with it. */
class StrataRuntimeLifecycleTest {

  /** Any CacheObserver bean hears about the caches of the application's manager. */
  @ApplicationScoped
  public static class CacheLog implements CacheObserver {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void created(StrataCache<?, ?> cache) {
      events.add("created " + cache.getName());
    }

    @Override
    public void removed(StrataCache<?, ?> cache) {
      events.add("removed " + cache.getName());
    }

    public List<String> events() {
      return List.copyOf(events);
    }
  }

  @Test
  void manager_noCacheUsedYet_startsNoHazelcastMember() {
    try (StrataContainer container = StrataContainer.builder().start()) {
      StrataCacheManager manager = container.runtime().manager();

      assertThat(manager.isClosed()).isFalse();
      assertThat(manager.hazelcastInstance()).isNull();
    }
  }

  @Test
  void manager_firstCache_startsMemberWithConfiguredClusterNameAndPort() {
    String clusterName = "ee-test-lifecycle-" + UUID.randomUUID();
    try (StrataContainer container = StrataContainer.builder()
        .config("strata.hazelcast.cluster-name", clusterName)
        .config("strata.hazelcast.port", "5970")
        .start()) {
      container.runtime().cache("first").put("k", "v");

      HazelcastInstance instance = container.runtime().manager().hazelcastInstance();
      assertThat(instance.getConfig().getClusterName()).isEqualTo(clusterName);
      assertThat(instance.getCluster().getLocalMember().getAddress().getPort()).isBetween(5970, 6069);
      assertThat(instance.getCluster().getMembers()).hasSize(1);
    }
  }

  @Test
  void close_container_closesManagerAndShutsMemberDown() {
    StrataCacheManager manager;
    HazelcastInstance instance;
    try (StrataContainer container = StrataContainer.builder().start()) {
      container.runtime().cache("short-lived").put("k", "v");
      manager = container.runtime().manager();
      instance = manager.hazelcastInstance();
      assertThat(instance.getLifecycleService().isRunning()).isTrue();
    }

    assertThat(manager.isClosed()).isTrue();
    assertThat(instance.getLifecycleService().isRunning()).isFalse();
  }

  @Test
  void observers_cacheObserverBean_hearsCreationAndDestruction() {
    try (StrataContainer container = StrataContainer.builder().beans(CacheLog.class).start()) {
      CacheLog log = container.bean(CacheLog.class);
      container.runtime().cache("watched");
      container.runtime().cache("kept");
      container.cacheManager().destroyCache("watched");

      assertThat(log.events()).containsExactly("created watched", "created kept", "removed watched");
    }
  }
}
