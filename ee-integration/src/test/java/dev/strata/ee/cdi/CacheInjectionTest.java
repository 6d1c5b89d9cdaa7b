package dev.strata.ee.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.strata.cache.StrataCache;
import dev.strata.cache.StrataCacheManager;
import dev.strata.ee.NamedCache;
import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code @Inject CacheManager} and {@code @Inject @NamedCache("x") Cache<K, V>}, with each cache's policy from MicroProfile Config. */
class CacheInjectionTest {

  private static StrataContainer container;

  @BeforeAll
  static void start() {
    container = StrataContainer.builder()
        .beans(OrderDesk.class, EmptyName.class)
        .config("strata.cache.orders.ttl", "PT0.5S")
        .config("strata.cache.audit.l1.enabled", "false")
        .config("strata.cache.default.l1.max-size", "500")
        .start();
  }

  @AfterAll
  static void stop() {
    container.close();
  }

  @Dependent
  public static class OrderDesk {
    @Inject
    CacheManager manager;

    @Inject
    @NamedCache("orders")
    Cache<Long, String> orders;

    @Inject
    @NamedCache("orders")
    Cache<Long, String> ordersAgain;

    @Inject
    @NamedCache("audit")
    Cache<String, String> audit;

    @Inject
    @NamedCache("customers")
    Cache<String, String> customers;
  }

  @Dependent
  public static class EmptyName {
    @Inject
    @NamedCache("")
    Cache<String, String> nameless;
  }

  @Test
  void inject_cacheManager_isTheApplicationsOpenStrataManager() {
    CacheManager manager = container.bean(OrderDesk.class).manager;

    assertThat(manager.isClosed()).isFalse();
    assertThat(manager.unwrap(StrataCacheManager.class)).isSameAs(container.runtime().manager());
  }

  @Test
  void inject_namedCache_isTheManagersCacheOfThatName() {
    OrderDesk desk = container.bean(OrderDesk.class);

    assertThat(desk.orders.getName()).isEqualTo("orders");
    assertThat(desk.orders).isSameAs(desk.ordersAgain).isSameAs(desk.manager.getCache("orders"));
  }

  @Test
  void inject_namedCacheWithConfiguredTtl_entryExpires() {
    Cache<Long, String> orders = container.bean(OrderDesk.class).orders;

    orders.put(1L, "first order");
    assertThat(orders.get(1L)).isEqualTo("first order");

    assertThat(orders.unwrap(StrataCache.class).settings().ttl()).isEqualTo(Duration.ofMillis(500));
    await().atMost(Duration.ofSeconds(5)).until(() -> orders.get(1L) == null);
    assertThat(orders.containsKey(1L)).isFalse();
  }

  @Test
  void inject_namedCacheWithL1Disabled_hasNoNearCache() {
    Cache<String, String> audit = container.bean(OrderDesk.class).audit;

    audit.put("k", "v");
    assertThat(audit.get("k")).isEqualTo("v");
    assertThat(audit.get("k")).isEqualTo("v");

    StrataCache<?, ?> strata = audit.unwrap(StrataCache.class);
    assertThat(strata.settings().l1Enabled()).isFalse();
    assertThat(strata.statistics().l1Size()).isZero();
  }

  @Test
  void inject_namedCacheWithoutOwnKeys_takesDefaultsAndKeepsL1() {
    Cache<String, String> customers = container.bean(OrderDesk.class).customers;

    customers.put("k", "v");
    customers.get("k");

    StrataCache<?, ?> strata = customers.unwrap(StrataCache.class);
    assertThat(strata.settings().l1Enabled()).isTrue();
    assertThat(strata.settings().l1MaxSize()).isEqualTo(500);
    assertThat(strata.settings().ttl()).isNull();
  }

  @Test
  void inject_namedCacheWithEmptyName_failsNamingTheInjectionPoint() {
    assertThatThrownBy(() -> container.bean(EmptyName.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nameless")
        .hasMessageContaining("empty name");
  }
}
