package dev.strata.ee.metrics;

import dev.strata.cache.CacheObserver;
import dev.strata.cache.CacheStatistics;
import dev.strata.cache.StrataCache;
import dev.strata.ee.cdi.StrataExtension;
import dev.strata.ee.cdi.StrataRuntime;
import dev.strata.ee.config.MetricsSystem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Publishes each cache's figures to MicroProfile Metrics (application registry), tagged
 * {@code cache=<name>}: hits by tier, misses, puts, removals, evictions, invalidations received,
 * L1 size, single-flight waits and a get-latency timer. Registered when a cache is created and
 * removed when it is closed or destroyed. Counting needs the cache's statistics, so they are
 * switched on for every cache unless {@code strata.cache.<name>.statistics=false} says otherwise.
 * Publishes only when the extension chose {@link MetricsSystem#METRICS}: where the Metrics API is
 * visible but no implementation provides a {@code MetricRegistry}, or Telemetry was chosen, it
 * publishes nothing, rather than failing the deployment. Thread-safe.
 */
@ApplicationScoped
public class StrataMetrics implements CacheObserver {

  public static final String HITS = "strata.cache.hits";
  public static final String MISSES = "strata.cache.misses";
  public static final String PUTS = "strata.cache.puts";
  public static final String REMOVALS = "strata.cache.removals";
  public static final String EVICTIONS = "strata.cache.evictions";
  public static final String L2_EVICTIONS = "strata.cache.l2.evictions";
  public static final String L1_BYTES = "strata.cache.l1.bytes";
  public static final String INVALIDATIONS = "strata.cache.invalidations";
  public static final String L1_SIZE = "strata.cache.l1.size";
  public static final String SINGLE_FLIGHT_WAITS = "strata.cache.single-flight.waits";
  public static final String DEGRADED_CALLS = "strata.cache.degraded-calls";
  public static final String GET_LATENCY = "strata.cache.get";
  public static final String REJECTED_PAYLOADS = "strata.cache.rejected.payloads";
  public static final String L1_DROPS = "strata.cache.l1.drops";
  public static final String CLUSTER_DROPS = "strata.cache.l1.cluster-drops";
  public static final String STALE_REFUSED = "strata.cache.l1.stale-refused";
  public static final String INVALIDATION_LAG = "strata.cache.invalidation.lag";
  public static final String LEASE_AGE = "strata.cache.lease.age";
  public static final String LEASE_LAPSES = "strata.cache.lease.lapses";
  public static final String LEASE_DROPS = "strata.cache.lease.drops";
  public static final String LEASE_REVALIDATIONS = "strata.cache.lease.revalidations";
  public static final String REFRESHES = "strata.cache.refreshes";
  public static final String CLUSTER_FLIGHTS = "strata.cache.single-flight.cluster";
  public static final String STALE_SERVES = "strata.cache.stale-if-error.serves";

  /**
   * An Instance, not the registry itself: the extension registers this bean when the Metrics API
   * is visible, which does not prove that an implementation is there to produce the registry.
   */
  @Inject
  Instance<MetricRegistry> registries;

  @Inject
  StrataRuntime runtime;

  @Inject
  StrataExtension extension;

  private MetricRegistry registry;

  @PostConstruct
  void resolveRegistry() {
    if (extension.metricsSystem() == MetricsSystem.METRICS) {
      registry = registries.get();
    }
  }

  @Override
  public void created(StrataCache<?, ?> cache) {
    if (registry == null) {
      return;
    }
    String name = cache.getName();
    Tag tag = new Tag("cache", name);
    CacheStatistics statistics = cache.statistics();
    if (cache.settings().statistics() == null) {
      // metrics need the counts: statistics go on as the spec's own switch turns them on, MXBean included
      cache.getCacheManager().enableStatistics(name, true);
    }
    count(HITS, "Gets answered from the cache, by tier", statistics, CacheStatistics::l1Hits, tag, new Tag("tier", "l1"));
    count(HITS, "Gets answered from the cache, by tier", statistics, CacheStatistics::l2Hits, tag, new Tag("tier", "l2"));
    count(MISSES, "Gets that found no entry", statistics, CacheStatistics::misses, tag);
    count(PUTS, "Entries written", statistics, CacheStatistics::puts, tag);
    count(REMOVALS, "Entries removed", statistics, CacheStatistics::removals, tag);
    count(EVICTIONS, "Entries evicted", statistics, CacheStatistics::evictions, tag);
    count(L2_EVICTIONS, "Entries L2 evicted on any member to stay within l2.max-size", statistics,
        CacheStatistics::l2Evictions, tag);
    registry.gauge(Metadata.builder().withName(L1_BYTES).withDescription("Bytes this JVM's L1 holds by its weights, "
        + "when l1.max-bytes bounds it; -1 otherwise").withUnit(MetricUnits.BYTES).build(), statistics,
        CacheStatistics::l1Bytes, tag);
    count(INVALIDATIONS, "Invalidations of this JVM's L1 received from the cluster", statistics,
        CacheStatistics::invalidationsReceived, tag);
    count(SINGLE_FLIGHT_WAITS, "@CacheResult callers that waited for a concurrent call with the same key",
        runtime, r -> r.singleFlight().waits(name), tag);
    count(DEGRADED_CALLS, "@CacheResult reads and writes that Hazelcast could not serve, so the method ran without the cache",
        runtime, r -> r.degradedCalls().count(name), tag);
    count(REJECTED_PAYLOADS, "Keys and values read from Hazelcast that the serialization allow-list refused", statistics,
        CacheStatistics::rejectedPayloads, tag);
    count(L1_DROPS, "Invalidations from other writers that had an entry in this JVM's L1 to drop", statistics,
        CacheStatistics::l1Drops, tag);
    count(CLUSTER_DROPS, "L1 entries dropped because the cluster changed (membership, migration, merge, reconnect)",
        statistics, CacheStatistics::l1ClusterDrops, tag);
    count(STALE_REFUSED, "L1 entries found but not served because their expiry had passed or the staleness bound "
        + "did not hold: the L2 reads made to keep the bound",
        statistics, CacheStatistics::staleHitsRefused, tag);
    registry.gauge(Metadata.builder().withName(LEASE_AGE)
        .withDescription("How long ago the staleness bound's lease was last renewed from; -1 if never, or in client mode")
        .withUnit(MetricUnits.MILLISECONDS).build(), statistics, s -> s.lease().ageMillis(), tag);
    for (String cause : statistics.lease().lapses().keySet()) {
      count(LEASE_LAPSES, "Times the lease emptied L1 or could not renew, by cause", statistics,
          s -> s.lease().lapses().getOrDefault(cause, 0L), tag, new Tag("cause", cause));
    }
    count(LEASE_DROPS, "L1 entries dropped because the lease could not vouch for them", statistics,
        s -> s.lease().entriesDropped(), tag);
    count(LEASE_REVALIDATIONS, "Unexpired L1 entries read while the lease did not hold, checked against L2, by outcome",
        statistics, s -> s.lease().entriesKept(), tag, new Tag("outcome", "kept"));
    count(LEASE_REVALIDATIONS, "Unexpired L1 entries read while the lease did not hold, checked against L2, by outcome",
        statistics, s -> s.lease().entriesChanged(), tag, new Tag("outcome", "changed"));
    for (String outcome : List.of("started", "done", "failed")) {
      count(REFRESHES, "Background reloads this JVM ran for entries past refresh-after, by outcome", statistics,
          s -> refreshes(s.loading(), outcome), tag, new Tag("outcome", outcome));
    }
    count(CLUSTER_FLIGHTS, "Computations of a key this JVM waited for because another JVM held its lease, and "
        + "the waits that ended with this JVM computing it (lease ran out, nothing found, timeout)", statistics,
        s -> s.loading().singleFlightWaits(), tag, new Tag("outcome", "waited"));
    count(CLUSTER_FLIGHTS, "Computations of a key this JVM waited for because another JVM held its lease, and "
        + "the waits that ended with this JVM computing it (lease ran out, nothing found, timeout)", statistics,
        s -> s.loading().singleFlightTakeovers(), tag, new Tag("outcome", "took-over"));
    count(STALE_SERVES, "Reads answered with an expired value because its reload failed (stale-if-error)", statistics,
        s -> s.loading().staleServes(), tag);
    Histogram lag = registry.histogram(Metadata.builder().withName(INVALIDATION_LAG)
        .withDescription("From a write on another JVM to its invalidation reaching this JVM")
        .withUnit(MetricUnits.MILLISECONDS).build(), tag);
    statistics.onInvalidationLag(lag::update);
    registry.gauge(Metadata.builder().withName(L1_SIZE).withDescription("Entries in this JVM's near cache")
        .withUnit(MetricUnits.NONE).build(), statistics, CacheStatistics::l1Size, tag);
    Timer timer = registry.timer(Metadata.builder().withName(GET_LATENCY).withDescription("Duration of cache gets")
        .withUnit(MetricUnits.NANOSECONDS).build(), tag);
    statistics.onGetLatency(nanos -> timer.update(Duration.ofNanos(nanos)));
  }

  /** @return the refreshes of one outcome: started, done or failed */
  public static long refreshes(CacheStatistics.Loading loading, String outcome) {
    return switch (outcome) {
      case "started" -> loading.refreshesStarted();
      case "done" -> loading.refreshesDone();
      default -> loading.refreshesFailed();
    };
  }

  private <T> void count(String name, String description, T source, ToLongFunction<T> value, Tag... tags) {
    registry.gauge(Metadata.builder().withName(name).withDescription(description + " (a running total)")
        .withUnit(MetricUnits.NONE).build(), source, s -> value.applyAsLong(s), tags);
  }

  @Override
  public void removed(StrataCache<?, ?> cache) {
    if (registry == null) {
      return;
    }
    cache.statistics().onGetLatency(null);
    cache.statistics().onInvalidationLag(null);
    String name = cache.getName();
    registry.removeMatching((id, metric) -> id.getName().startsWith("strata.cache.")
        && name.equals(id.getTags().get("cache")));
  }
}
