package dev.strata.ee.telemetry;

import static dev.strata.ee.CatalogWorkload.CATALOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.cache.StrataCache;
import dev.strata.ee.CatalogWorkload;
import dev.strata.ee.CatalogWorkload.Catalog;
import dev.strata.ee.StrataContainer;
import dev.strata.ee.cdi.StrataExtension;
import dev.strata.ee.config.MetricsSystem;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-cache OpenTelemetry metrics, read with the SDK's in-memory reader (cumulative, as MicroProfile
 * Telemetry exports by default) after the known sequence of annotated calls of
 * {@link CatalogWorkload} on a real cache ({@code max-staleness} is an hour here). The
 * container also has SmallRye Metrics, as a server with both features would: the default
 * {@code strata.metrics.system=auto} must then publish through Telemetry only.
 */
class StrataTelemetryTest {


  private InMemoryMetricReader reader;
  private OpenTelemetrySdk sdk;
  private StrataContainer container;

  @BeforeEach
  void start() {
    reader = InMemoryMetricReader.create();
    sdk = OpenTelemetrySdk.builder().setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
  }

  @AfterEach
  void stop() {
    if (container != null) {
      container.close();
    }
    sdk.close();
  }

  private StrataContainer startContainer(String metricsSystem) {
    container = StrataContainer.builder()
        .beans(Catalog.class, RegistryProbe.class)
        .telemetry(sdk)
        .config("strata.cache.catalog.max-staleness", "PT1H")
        .config(MetricsSystem.KEY, metricsSystem)
        .start();
    return container;
  }

  /** Gets SmallRye's application registry (its producer needs an injection point). */
  @Dependent
  public static class RegistryProbe {
    @Inject
    MetricRegistry registry;
  }

  private List<MetricData> strataMetrics() {
    Collection<MetricData> all = reader.collectAllMetrics();
    return all.stream().filter(metric -> metric.getInstrumentationScopeInfo().getName().equals(StrataTelemetry.SCOPE)).toList();
  }

  private Optional<MetricData> metric(String name) {
    return strataMetrics().stream().filter(metric -> metric.getName().equals(name)).findFirst();
  }

  /** @return the value of a counter or gauge point with exactly these attributes */
  private long value(String name, Attributes attributes) {
    MetricData metric = metric(name).orElseThrow(() -> new AssertionError("no metric " + name + " in " + strataMetrics()));
    Collection<? extends LongPointData> points = metric.getType() == MetricDataType.LONG_GAUGE
        ? metric.getLongGaugeData().getPoints() : metric.getLongSumData().getPoints();
    return points.stream().filter(point -> point.getAttributes().equals(attributes)).findFirst()
        .orElseThrow(() -> new AssertionError("no point " + attributes + " of " + name + " in " + points)).getValue();
  }

  private long value(String name, String cache) {
    return value(name, Attributes.of(StrataTelemetry.CACHE, cache));
  }

  private static Attributes hit(String tier) {
    return Attributes.of(StrataTelemetry.CACHE, CATALOG, StrataTelemetry.RESULT, "hit", StrataTelemetry.TIER, tier);
  }

  private boolean reportsSeriesOf(String cache) {
    return strataMetrics().stream().flatMap(metric -> metric.getData().getPoints().stream())
        .anyMatch(point -> cache.equals(point.getAttributes().get(StrataTelemetry.CACHE)));
  }

  @Test
  void telemetry_knownSequenceOfAnnotatedCalls_exportsCacheAndStrataInstrumentsWithExactValues() {
    startContainer(null);
    Catalog catalog = container.bean(Catalog.class);

    CatalogWorkload.run(catalog, () -> value(StrataTelemetry.INVALIDATIONS, CATALOG));

    assertThat(catalog.loads()).isEqualTo(3);
    assertThat(value(StrataTelemetry.GETS, hit("l1"))).isEqualTo(2);
    assertThat(value(StrataTelemetry.GETS, hit("l2"))).isEqualTo(3);
    assertThat(value(StrataTelemetry.GETS, Attributes.of(StrataTelemetry.CACHE, CATALOG, StrataTelemetry.RESULT, "miss")))
        .isEqualTo(3);
    assertThat(value(StrataTelemetry.PUTS, CATALOG)).isEqualTo(5);
    assertThat(value(StrataTelemetry.REMOVALS, CATALOG)).isEqualTo(1);
    assertThat(value(StrataTelemetry.EVICTIONS, CATALOG)).isZero();
    assertThat(value(StrataTelemetry.L1_SIZE, CATALOG)).isEqualTo(2);
    assertThat(value(StrataTelemetry.REJECTED_PAYLOADS, CATALOG)).isZero();
    // one JVM: every event is of its own writes, which drop nothing and are no invalidation lag
    assertThat(value(StrataTelemetry.L1_DROPS, CATALOG)).isZero();
    assertThat(value(StrataTelemetry.CLUSTER_DROPS, CATALOG)).isZero();
    assertThat(value(StrataTelemetry.STALE_REFUSED, CATALOG)).isZero();
    assertThat(value(StrataTelemetry.SINGLE_FLIGHT_WAITS, CATALOG)).isZero();
    assertThat(value(StrataTelemetry.DEGRADED_CALLS, CATALOG)).isZero();
    assertThat(metric(StrataTelemetry.INVALIDATION_LAG)).isEmpty();

    MetricData gets = metric(StrataTelemetry.GETS).orElseThrow();
    assertThat(gets.getType()).isEqualTo(MetricDataType.LONG_SUM);
    assertThat(gets.getLongSumData().isMonotonic()).isTrue();
    assertThat(gets.getUnit()).isEqualTo("{get}");
    assertThat(gets.getInstrumentationScopeInfo().getVersion()).isNotBlank();
    assertThat(metric(StrataTelemetry.L1_SIZE).orElseThrow().getType()).isEqualTo(MetricDataType.LONG_GAUGE);
    assertThat(strataMetrics()).extracting(MetricData::getName).allMatch(name -> name.startsWith("cache.")
        || name.startsWith("strata.cache."));
  }

  @Test
  void telemetry_invalidationLagMeasured_recordsItInTheLagHistogramOfItsCache() {
    startContainer(null);
    container.bean(Catalog.class).find("a");
    StrataCache<?, ?> cache = container.cache(CATALOG).unwrap(StrataCache.class);

    // what the provider reports when another JVM's write reaches this one
    recordLag(cache, 7);
    recordLag(cache, 30);

    MetricData lag = metric(StrataTelemetry.INVALIDATION_LAG).orElseThrow();
    assertThat(lag.getType()).isEqualTo(MetricDataType.HISTOGRAM);
    assertThat(lag.getUnit()).isEqualTo("ms");
    HistogramPointData point = lag.getHistogramData().getPoints().iterator().next();
    assertThat(point.getAttributes()).isEqualTo(Attributes.of(StrataTelemetry.CACHE, CATALOG));
    assertThat(point.getCount()).isEqualTo(2);
    assertThat(point.getSum()).isEqualTo(37.0);
    assertThat(point.getMax()).isEqualTo(30.0);
  }

  @Test
  void telemetry_cacheDestroyed_stopsReportingItsSeriesAndTheNewCacheStartsFresh() {
    startContainer(null);
    Catalog catalog = container.bean(Catalog.class);
    catalog.find("a");
    catalog.find("a");
    StrataCache<?, ?> destroyed = container.cache(CATALOG).unwrap(StrataCache.class);
    assertThat(reportsSeriesOf(CATALOG)).isTrue();

    container.cacheManager().destroyCache(CATALOG);

    assertThat(reportsSeriesOf(CATALOG)).isFalse();
    // the destroyed cache's lag no longer reaches the histogram
    recordLag(destroyed, 5);
    assertThat(metric(StrataTelemetry.INVALIDATION_LAG)).isEmpty();

    catalog.find("a");
    assertThat(value(StrataTelemetry.GETS, Attributes.of(StrataTelemetry.CACHE, CATALOG, StrataTelemetry.RESULT, "miss")))
        .isEqualTo(1);
    assertThat(value(StrataTelemetry.PUTS, CATALOG)).isEqualTo(1);
  }

  @Test
  void telemetry_containerShutDown_stopsReportingEveryCache() {
    startContainer(null);
    container.bean(Catalog.class).find("a");
    assertThat(reportsSeriesOf(CATALOG)).isTrue();

    container.close();

    assertThat(strataMetrics()).isEmpty();
  }

  @Test
  void auto_bothTelemetryAndMetricsPresent_publishesThroughTelemetryOnly() {
    startContainer(null);
    container.bean(Catalog.class).find("a");

    assertThat(container.bean(StrataExtension.class).metricsSystem()).isEqualTo(MetricsSystem.TELEMETRY);
    assertThat(reportsSeriesOf(CATALOG)).isTrue();
    assertThat(container.bean(RegistryProbe.class).registry.getMetricIDs())
        .noneMatch(id -> id.getName().startsWith("strata."));
  }

  @Test
  void metricsSystemMetrics_bothPresent_publishesThroughMicroProfileMetricsOnly() {
    startContainer("metrics");
    container.bean(Catalog.class).find("a");

    assertThat(container.bean(StrataExtension.class).metricsSystem()).isEqualTo(MetricsSystem.METRICS);
    assertThat(strataMetrics()).isEmpty();
    assertThat(container.bean(RegistryProbe.class).registry.getMetricIDs())
        .anyMatch(id -> id.getName().equals("strata.cache.misses") && CATALOG.equals(id.getTags().get("cache")));
  }

  /** MicroProfile Telemetry's default: the feature is there, its SDK is not (otel.sdk.disabled is true). */
  @Test
  void auto_telemetrySdkOffAndMetricsPresent_publishesThroughMicroProfileMetrics() {
    container = StrataContainer.builder()
        .beans(Catalog.class, RegistryProbe.class)
        .telemetry(OpenTelemetry.noop())
        .start();
    container.bean(Catalog.class).find("a");

    assertThat(container.bean(StrataExtension.class).metricsSystem()).isEqualTo(MetricsSystem.METRICS);
    assertThat(container.bean(RegistryProbe.class).registry.getMetricIDs())
        .anyMatch(id -> id.getName().equals("strata.cache.misses") && CATALOG.equals(id.getTags().get("cache")));
  }

  @Test
  void metricsSystemNone_bothPresent_publishesNothing() {
    startContainer("none");
    container.bean(Catalog.class).find("a");

    assertThat(strataMetrics()).isEmpty();
    assertThat(container.bean(RegistryProbe.class).registry.getMetricIDs())
        .noneMatch(id -> id.getName().startsWith("strata."));
  }

  @Test
  void metricsSystem_unknownValue_failsDeploymentNamingKeyAndChoices() {
    assertThatThrownBy(() -> startContainer("prometheus"))
        .hasStackTraceContaining("'strata.metrics.system' has the invalid value 'prometheus'")
        .hasStackTraceContaining("one of auto telemetry metrics none");
  }

  /**
   * Reports an invalidation lag as the provider's tiered store does. Recording is not public API,
   * so the test reaches the cache's recorder the way only the provider itself can.
   */
  private static void recordLag(StrataCache<?, ?> cache, long millis) {
    try {
      java.lang.reflect.Field counters = StrataCache.class.getDeclaredField("counters");
      counters.setAccessible(true);
      ((dev.strata.cache.tier.Recorder) counters.get(cache)).invalidationLag(millis);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("the cache's recorder", e);
    }
  }
}
