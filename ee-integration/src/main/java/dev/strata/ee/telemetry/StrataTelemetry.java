package dev.strata.ee.telemetry;

import dev.strata.cache.CacheObserver;
import dev.strata.cache.CacheStatistics;
import dev.strata.cache.StrataCache;
import dev.strata.ee.cdi.StrataExtension;
import dev.strata.ee.cdi.StrataRuntime;
import dev.strata.ee.config.MetricsSystem;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Publishes each cache's figures as OpenTelemetry metrics (MicroProfile Telemetry 2), meter
 * {@value #SCOPE} with strata-ee's version, attribute {@code cache=<name>}: the {@code cache.*}
 * names that Micrometer's cache binders made the common ones, and Strata's own figures under
 * {@code strata.cache.}. The running totals are asynchronous instruments read at each collection;
 * the invalidation lag is a histogram fed as lags are measured. A cache's callbacks are registered
 * when it is created and closed when it is closed or destroyed, so its series stop being reported.
 * Counting needs the cache's statistics, so they are switched on for every cache unless
 * {@code strata.cache.<name>.statistics=false}. Publishes only when the extension chose
 * {@link MetricsSystem#TELEMETRY}. Thread-safe.
 */
@ApplicationScoped
public class StrataTelemetry implements CacheObserver {

  public static final String SCOPE = "dev.strata.cache";
  public static final String GETS = "cache.gets";
  public static final String PUTS = "cache.puts";
  public static final String REMOVALS = "cache.removals";
  public static final String EVICTIONS = "cache.evictions";
  public static final String L2_EVICTIONS = "strata.cache.l2.evictions";
  public static final String INVALIDATIONS = "strata.cache.invalidations";
  public static final String INVALIDATION_LAG = "strata.cache.invalidation.lag";
  public static final String L1_SIZE = "strata.cache.l1.size";
  public static final String L1_DROPS = "strata.cache.l1.drops";
  public static final String CLUSTER_DROPS = "strata.cache.l1.cluster_drops";
  public static final String STALE_REFUSED = "strata.cache.l1.stale_refused";
  public static final String REJECTED_PAYLOADS = "strata.cache.rejected_payloads";
  public static final String DEGRADED_CALLS = "strata.cache.degraded_calls";
  public static final String SINGLE_FLIGHT_WAITS = "strata.cache.single_flight.waits";
  public static final String LEASE_AGE = "strata.cache.lease.age";
  public static final String LEASE_LAPSES = "strata.cache.lease.lapses";
  public static final String LEASE_DROPS = "strata.cache.lease.drops";
  public static final String LEASE_REVALIDATIONS = "strata.cache.lease.revalidations";
  public static final String REFRESHES = "strata.cache.refreshes";
  public static final String CLUSTER_FLIGHTS = "strata.cache.single_flight.cluster";
  public static final String STALE_SERVES = "strata.cache.stale_if_error.serves";

  public static final AttributeKey<String> CACHE = AttributeKey.stringKey("cache");
  public static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");
  public static final AttributeKey<String> TIER = AttributeKey.stringKey("tier");

  @Inject
  Instance<OpenTelemetry> telemetry;

  @Inject
  StrataRuntime runtime;

  @Inject
  StrataExtension extension;

  private Meter meter;
  private LongHistogram invalidationLag;
  /** The open callbacks of each live cache; keyed by the object, since a recreated cache has the same name. */
  private final Map<StrataCache<?, ?>, List<AutoCloseable>> callbacks = new ConcurrentHashMap<>();

  @PostConstruct
  void buildMeter() {
    if (extension.metricsSystem() != MetricsSystem.TELEMETRY) {
      return;
    }
    MeterBuilder builder = telemetry.get().meterBuilder(SCOPE);
    String version = version();
    if (version != null) {
      builder.setInstrumentationVersion(version);
    }
    meter = builder.build();
    invalidationLag = meter.histogramBuilder(INVALIDATION_LAG).ofLongs().setUnit("ms")
        .setDescription("From a write on another JVM to its invalidation reaching this JVM").build();
  }

  @Override
  public void created(StrataCache<?, ?> cache) {
    if (meter == null) {
      return;
    }
    String name = cache.getName();
    Attributes attributes = Attributes.of(CACHE, name);
    Attributes l1Hit = Attributes.of(CACHE, name, RESULT, "hit", TIER, "l1");
    Attributes l2Hit = Attributes.of(CACHE, name, RESULT, "hit", TIER, "l2");
    Attributes miss = Attributes.of(CACHE, name, RESULT, "miss");
    CacheStatistics statistics = cache.statistics();
    if (cache.settings().statistics() == null) {
      // metrics need the counts: statistics go on as the spec's own switch turns them on, MXBean included
      cache.getCacheManager().enableStatistics(name, true);
    }
    List<AutoCloseable> open = new ArrayList<>();
    open.add(meter.counterBuilder(GETS).setUnit("{get}")
        .setDescription("Gets: hits by the tier that answered, and misses").buildWithCallback(measurement -> {
          measurement.record(statistics.l1Hits(), l1Hit);
          measurement.record(statistics.l2Hits(), l2Hit);
          measurement.record(statistics.misses(), miss);
        }));
    open.add(count(PUTS, "{put}", "Entries written", statistics, CacheStatistics::puts, attributes));
    open.add(count(REMOVALS, "{removal}", "Entries removed", statistics, CacheStatistics::removals, attributes));
    open.add(count(EVICTIONS, "{eviction}", "Entries evicted", statistics, CacheStatistics::evictions, attributes));
    open.add(count(L2_EVICTIONS, "{eviction}", "Entries L2 evicted on any member to stay within l2.max-size",
        statistics, CacheStatistics::l2Evictions, attributes));
    open.add(count(INVALIDATIONS, "{invalidation}", "Invalidations of this JVM's L1 received from the cluster", statistics,
        CacheStatistics::invalidationsReceived, attributes));
    open.add(count(L1_DROPS, "{entry}", "Invalidations from other writers that had an entry in this JVM's L1 to drop",
        statistics, CacheStatistics::l1Drops, attributes));
    open.add(count(CLUSTER_DROPS, "{entry}",
        "L1 entries dropped because the cluster changed (membership, migration, merge, reconnect)", statistics,
        CacheStatistics::l1ClusterDrops, attributes));
    open.add(count(STALE_REFUSED, "{entry}", "L1 entries found but not served because their expiry had passed or the staleness bound did not hold: "
        + "the L2 reads made to keep the bound",
        statistics, CacheStatistics::staleHitsRefused, attributes));
    open.add(meter.gaugeBuilder(LEASE_AGE).ofLongs().setUnit("ms")
        .setDescription("How long ago the staleness bound's lease was last renewed from; -1 if never, or in client mode")
        .buildWithCallback(measurement -> measurement.record(statistics.lease().ageMillis(), attributes)));
    for (String cause : statistics.lease().lapses().keySet()) {
      open.add(count(LEASE_LAPSES, "{lapse}", "Times the lease emptied L1 or could not renew, by cause", statistics,
          s -> s.lease().lapses().getOrDefault(cause, 0L), attributes.toBuilder().put("cause", cause).build()));
    }
    open.add(count(LEASE_DROPS, "{entry}", "L1 entries dropped because the lease could not vouch for them", statistics,
        s -> s.lease().entriesDropped(), attributes));
    open.add(count(LEASE_REVALIDATIONS, "{entry}",
        "Unexpired L1 entries read while the lease did not hold, checked against L2, by outcome", statistics,
        s -> s.lease().entriesKept(), attributes.toBuilder().put("outcome", "kept").build()));
    open.add(count(LEASE_REVALIDATIONS, "{entry}",
        "Unexpired L1 entries read while the lease did not hold, checked against L2, by outcome", statistics,
        s -> s.lease().entriesChanged(), attributes.toBuilder().put("outcome", "changed").build()));
    for (String outcome : java.util.List.of("started", "done", "failed")) {
      open.add(count(REFRESHES, "{refresh}", "Background reloads this JVM ran for entries past refresh-after, by outcome",
          statistics, s -> dev.strata.ee.metrics.StrataMetrics.refreshes(s.loading(), outcome),
          attributes.toBuilder().put("outcome", outcome).build()));
    }
    open.add(count(CLUSTER_FLIGHTS, "{wait}", "Computations of a key this JVM waited for because another JVM held "
        + "its lease, and the waits that ended with this JVM computing it", statistics,
        s -> s.loading().singleFlightWaits(), attributes.toBuilder().put("outcome", "waited").build()));
    open.add(count(CLUSTER_FLIGHTS, "{wait}", "Computations of a key this JVM waited for because another JVM held "
        + "its lease, and the waits that ended with this JVM computing it", statistics,
        s -> s.loading().singleFlightTakeovers(), attributes.toBuilder().put("outcome", "took_over").build()));
    open.add(count(STALE_SERVES, "{read}", "Reads answered with an expired value because its reload failed "
        + "(stale-if-error)", statistics, s -> s.loading().staleServes(), attributes));
    open.add(count(REJECTED_PAYLOADS, "{payload}", "Keys and values read from Hazelcast that the serialization allow-list refused",
        statistics, CacheStatistics::rejectedPayloads, attributes));
    open.add(count(DEGRADED_CALLS, "{call}",
        "@CacheResult reads and writes that Hazelcast could not serve, so the method ran without the cache", runtime,
        r -> r.degradedCalls().count(name), attributes));
    open.add(count(SINGLE_FLIGHT_WAITS, "{call}", "@CacheResult callers that waited for a concurrent call with the same key",
        runtime, r -> r.singleFlight().waits(name), attributes));
    open.add(meter.gaugeBuilder(L1_SIZE).ofLongs().setUnit("{entry}").setDescription("Entries in this JVM's near cache")
        .buildWithCallback(measurement -> measurement.record(statistics.l1Size(), attributes)));
    LongHistogram lag = invalidationLag;
    statistics.onInvalidationLag(millis -> lag.record(millis, attributes));
    callbacks.put(cache, open);
  }

  private <T> AutoCloseable count(String name, String unit, String description, T source, ToLongFunction<T> value,
      Attributes attributes) {
    return meter.counterBuilder(name).setUnit(unit).setDescription(description)
        .buildWithCallback(measurement -> measurement.record(value.applyAsLong(source), attributes));
  }

  @Override
  public void removed(StrataCache<?, ?> cache) {
    List<AutoCloseable> open = callbacks.remove(cache);
    if (open != null) {
      cache.statistics().onInvalidationLag(null);
      closeAll(open);
    }
  }

  /** The application is stopping: no cache of it may go on reporting into a meter that outlives it. */
  @PreDestroy
  void closeCallbacks() {
    for (StrataCache<?, ?> cache : List.copyOf(callbacks.keySet())) {
      removed(cache);
    }
  }

  private static void closeAll(List<AutoCloseable> open) {
    for (AutoCloseable callback : open) {
      try {
        callback.close();
      } catch (Exception e) {
        throw new IllegalStateException("Could not close an OpenTelemetry callback of Strata", e);
      }
    }
  }

  /** @return strata-ee's version, the meter's instrumentation scope version; null if unknown */
  private static String version() {
    try (InputStream in = StrataTelemetry.class.getResourceAsStream("scope.properties")) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read strata-ee's version for the OpenTelemetry meter", e);
    }
  }
}
