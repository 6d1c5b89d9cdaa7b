package dev.strata.ee.metrics;

import static dev.strata.ee.CatalogWorkload.BOUND;
import static dev.strata.ee.CatalogWorkload.CATALOG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ee.CatalogWorkload;
import dev.strata.ee.CatalogWorkload.Catalog;
import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-cache MicroProfile Metrics, read from SmallRye Metrics' application registry after the known
 * sequence of annotated calls of {@link CatalogWorkload} (the cache's {@code max-staleness} is an
 * hour here, so L1 entries stay servable for the whole test).
 */
class StrataMetricsTest {


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

    CatalogWorkload.run(catalog, () -> gauge(StrataMetrics.INVALIDATIONS, CATALOG));

    assertThat(catalog.loads()).isEqualTo(3);
    assertThat(gauge(StrataMetrics.HITS, CATALOG, new Tag("tier", "l1"))).isEqualTo(2);
    assertThat(gauge(StrataMetrics.HITS, CATALOG, new Tag("tier", "l2"))).isEqualTo(3);
    assertThat(gauge(StrataMetrics.MISSES, CATALOG)).isEqualTo(3);
    assertThat(gauge(StrataMetrics.PUTS, CATALOG)).isEqualTo(5);
    assertThat(gauge(StrataMetrics.REMOVALS, CATALOG)).isEqualTo(1);
    assertThat(gauge(StrataMetrics.EVICTIONS, CATALOG)).isZero();
    assertThat(gauge(StrataMetrics.L1_SIZE, CATALOG)).isEqualTo(2);
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
