package dev.strata.ee.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.ee.StrataContainer;
import dev.strata.ee.cdi.StrataRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-cache MicroProfile Metrics, read from SmallRye Metrics' application registry after a known
 * sequence of annotated calls. A {@code @CacheResult} miss is one get (a miss) and one put; a hit
 * is one get, answered from L2 the first time after a write and from L1 after that (the cache's
 * {@code max-staleness} is an hour here, so L1 entries stay servable for the whole test).
 */
class StrataMetricsTest {

  private static final String CATALOG = "catalog";
  private static final Duration BOUND = Duration.ofSeconds(10);

  private StrataContainer container;
  private MetricRegistry registry;

  @BeforeEach
  void start() {
    container = StrataContainer.builder()
        .beans(Catalog.class, RegistryProbe.class)
        .config("strata.cache.catalog.max-staleness", "PT1H")
        .start();
    registry = container.bean(RegistryProbe.class).registry;
  }

  @AfterEach
  void stop() {
    container.close();
  }

  /** Gets the registry the way StrataMetrics does (SmallRye's producer needs an injection point). */
  @Dependent
  public static class RegistryProbe {
    @Inject
    MetricRegistry registry;
  }

  @ApplicationScoped
  public static class Catalog {
    @Inject
    StrataRuntime runtime;

    private final AtomicInteger loads = new AtomicInteger();

    @CacheResult(cacheName = CATALOG)
    public String find(String id) {
      loads.incrementAndGet();
      return "item " + id;
    }

    @CachePut(cacheName = CATALOG)
    public void save(String id, @CacheValue String item) {
    }

    @CacheRemove(cacheName = CATALOG)
    public void delete(String id) {
    }

    /** The first caller waits until the second one waits for it. */
    @CacheResult(cacheName = "catalog-flights")
    public String findTogether(String id) {
      loads.incrementAndGet();
      await().atMost(BOUND).until(() -> runtime.singleFlight().waits("catalog-flights") >= 1);
      return "item " + id;
    }

    int loads() {
      return loads.get();
    }
  }

  private long gauge(String name, String cache, Tag... more) {
    List<Tag> tags = new ArrayList<>(List.of(new Tag("cache", cache)));
    tags.addAll(List.of(more));
    Gauge<?> gauge = registry.getGauge(new MetricID(name, tags.toArray(Tag[]::new)));
    assertThat(gauge).as("gauge %s%s", name, tags).isNotNull();
    return gauge.getValue().longValue();
  }

  private Timer getTimer(String cache) {
    return registry.getTimer(new MetricID(StrataMetrics.GET_LATENCY, new Tag("cache", cache)));
  }

  private boolean hasMetricsOf(String cache) {
    return registry.getMetricIDs().stream().anyMatch(id -> id.getName().startsWith("strata.cache.")
        && cache.equals(id.getTags().get("cache")));
  }

  @Test
  void metrics_knownSequenceOfAnnotatedCalls_holdExactCounts() {
    Catalog catalog = container.bean(Catalog.class);

    // 3 misses: each a get that misses, then a put
    catalog.find("a");
    catalog.find("b");
    catalog.find("c");
    // the puts' own entry events arrive asynchronously; once they have, no late event can cancel an L1 publish
    await().atMost(BOUND).until(() -> gauge(StrataMetrics.INVALIDATIONS, CATALOG) == 3);
    // 5 hits: the first read of each key comes from L2 and fills L1, the second comes from L1
    catalog.find("a");
    catalog.find("a");
    catalog.find("b");
    catalog.find("b");
    catalog.find("c");
    // 2 puts, then 1 removal; each write drops its key from L1
    catalog.save("d", "item d");
    catalog.save("a", "item a, revised");
    catalog.delete("b");
    await().atMost(BOUND).until(() -> gauge(StrataMetrics.INVALIDATIONS, CATALOG) == 6);

    assertThat(catalog.loads()).isEqualTo(3);
    assertThat(gauge(StrataMetrics.HITS, CATALOG, new Tag("tier", "l1"))).isEqualTo(2);
    assertThat(gauge(StrataMetrics.HITS, CATALOG, new Tag("tier", "l2"))).isEqualTo(3);
    assertThat(gauge(StrataMetrics.MISSES, CATALOG)).isEqualTo(3);
    assertThat(gauge(StrataMetrics.PUTS, CATALOG)).isEqualTo(5);
    assertThat(gauge(StrataMetrics.REMOVALS, CATALOG)).isEqualTo(1);
    assertThat(gauge(StrataMetrics.EVICTIONS, CATALOG)).isZero();
    assertThat(gauge(StrataMetrics.L1_SIZE, CATALOG)).isEqualTo(1);
    assertThat(gauge(StrataMetrics.REJECTED_PAYLOADS, CATALOG)).isZero();
    // one JVM: every event is of its own writes, which drop nothing and are no invalidation lag
    assertThat(gauge(StrataMetrics.L1_DROPS, CATALOG)).isZero();
    assertThat(gauge(StrataMetrics.CLUSTER_DROPS, CATALOG)).isZero();
    assertThat(gauge(StrataMetrics.STALE_REFUSED, CATALOG)).isZero();
    assertThat(registry.getHistogram(new MetricID(StrataMetrics.INVALIDATION_LAG, new Tag("cache", CATALOG))).getCount())
        .isZero();
    assertThat(gauge(StrataMetrics.SINGLE_FLIGHT_WAITS, CATALOG)).isZero();
    assertThat(gauge(StrataMetrics.DEGRADED_CALLS, CATALOG)).isZero();
    assertThat(getTimer(CATALOG).getCount()).isEqualTo(8);
  }

  @Test
  void metrics_concurrentMissesOnOneKey_countSingleFlightWait() throws Exception {
    Catalog catalog = container.bean(Catalog.class);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch ready = new CountDownLatch(2);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        results.add(pool.submit(() -> {
          ready.countDown();
          ready.await();
          return catalog.findTogether("k");
        }));
      }
      for (Future<String> result : results) {
        assertThat(result.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("item k");
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(catalog.loads()).isEqualTo(1);
    assertThat(gauge(StrataMetrics.SINGLE_FLIGHT_WAITS, "catalog-flights")).isEqualTo(1);
  }

  @Test
  void metrics_cacheDestroyed_areRemovedAndComeBackFreshWithTheCache() {
    Catalog catalog = container.bean(Catalog.class);
    catalog.find("a");
    catalog.find("a");
    assertThat(hasMetricsOf(CATALOG)).isTrue();

    container.cacheManager().destroyCache(CATALOG);

    assertThat(hasMetricsOf(CATALOG)).isFalse();

    catalog.find("a");
    assertThat(gauge(StrataMetrics.MISSES, CATALOG)).isEqualTo(1);
    assertThat(gauge(StrataMetrics.PUTS, CATALOG)).isEqualTo(1);
    assertThat(getTimer(CATALOG).getCount()).isEqualTo(1);
  }

  @Test
  void metrics_containerShutDown_areRemoved() {
    container.bean(Catalog.class).find("a");
    assertThat(hasMetricsOf(CATALOG)).isTrue();

    container.close();

    assertThat(hasMetricsOf(CATALOG)).isFalse();
  }
}
