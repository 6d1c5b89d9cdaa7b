package dev.strata.ee.management;

import dev.strata.cache.CachePolicy;
import dev.strata.cache.CacheStatistics;
import dev.strata.cache.StrataCache;
import dev.strata.cache.config.CacheSettings;
import dev.strata.ee.annotation.AnnotationPolicy;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Locale;

/**
 * Caches, their statistics and policies as JSON. Durations are ISO-8601 ({@code PT1S}), latencies
 * microseconds, invalidation lags milliseconds; a setting left to the cache's JSR-107 configuration
 * is null. Stateless.
 */
final class CacheReports {

  private CacheReports() {
  }

  /** @return a cache's figures, per tier, and whether the cache annotations use it */
  static JsonObjectBuilder figures(StrataCache<?, ?> cache) {
    CacheStatistics statistics = cache.statistics();
    CacheStatistics.Lag lag = statistics.invalidationLag();
    return Json.createObjectBuilder()
        .add("name", cache.getName())
        .add("enabled", cache.isEnabled())
        .add("statisticsEnabled", statistics.enabled())
        .add("gets", statistics.gets())
        .add("hits", statistics.hits())
        .add("misses", statistics.misses())
        .add("hitRatio", finite(statistics.hitRatio()))
        .add("puts", statistics.puts())
        .add("removals", statistics.removals())
        .add("averageGetMicros", finite(statistics.averageGetMicros()))
        .add("getMicros", Json.createObjectBuilder()
            .add("p50", statistics.getLatency().p50())
            .add("p99", statistics.getLatency().p99())
            .add("max", statistics.getLatency().max()))
        .add("averagePutMicros", finite(statistics.averagePutMicros()))
        .add("averageRemoveMicros", finite(statistics.averageRemoveMicros()))
        .add("l1", Json.createObjectBuilder()
            .add("hits", statistics.l1Hits())
            .add("size", statistics.l1Size())
            .add("evictions", statistics.evictions())
            .add("bytes", statistics.l1Bytes())
            .add("drops", statistics.l1Drops())
            .add("clusterDrops", statistics.l1ClusterDrops())
            .add("staleHitsRefused", statistics.staleHitsRefused()))
        .add("l2", Json.createObjectBuilder()
            .add("hits", statistics.l2Hits())
            .add("evictions", statistics.l2Evictions())
            .add("size", statistics.l2Size()))
        .add("invalidationsReceived", statistics.invalidationsReceived())
        .add("invalidationLagMillis", Json.createObjectBuilder()
            .add("count", lag.count()).add("p50", lag.p50()).add("p99", lag.p99()).add("max", lag.max()))
        .add("rejectedPayloads", statistics.rejectedPayloads())
        .add("lease", lease(statistics.lease()))
        .add("loading", loading(statistics.loading()));
  }

  /** @return refresh-ahead, single-flight across the cluster and stale-if-error on this JVM */
  static JsonObject loading(CacheStatistics.Loading loading) {
    return Json.createObjectBuilder()
        .add("refreshesStarted", loading.refreshesStarted())
        .add("refreshesDone", loading.refreshesDone())
        .add("refreshesFailed", loading.refreshesFailed())
        .add("singleFlightWaits", loading.singleFlightWaits())
        .add("singleFlightTakeovers", loading.singleFlightTakeovers())
        .add("staleServes", loading.staleServes())
        .build();
  }

  /** @return the staleness bound's lease: whether it holds, its age, its lapses by cause, what it dropped and kept */
  static JsonObject lease(CacheStatistics.LeaseStatus lease) {
    JsonObjectBuilder lapses = Json.createObjectBuilder();
    lease.lapses().forEach(lapses::add);
    return Json.createObjectBuilder()
        .add("streamed", lease.streamed())
        .add("held", lease.held())
        .add("ageMillis", lease.ageMillis())
        .add("renewals", lease.renewals())
        .add("lapses", lapses)
        .add("entriesDropped", lease.entriesDropped())
        .add("entriesKept", lease.entriesKept())
        .add("entriesChanged", lease.entriesChanged())
        .build();
  }

  /** @return the policy a cache runs with */
  static JsonObject policy(CachePolicy policy) {
    JsonObjectBuilder json = Json.createObjectBuilder()
        .add("cache", policy.cacheName())
        .add("expiry", policy.expiry());
    duration(json, "ttl", policy.ttl());
    json.add("l1Enabled", policy.l1Enabled())
        .add("l1MaxSize", policy.l1MaxSize());
    duration(json, "maxStaleness", policy.maxStaleness());
    json.add("storeByValue", policy.storeByValue())
        .add("statistics", policy.statistics())
        .add("management", policy.management())
        .add("readThrough", policy.readThrough())
        .add("writeThrough", policy.writeThrough())
        .add("enabled", policy.enabled())
        .add("prefixInvalidation", policy.prefixInvalidation());
    duration(json, "refreshAfter", policy.refreshAfter());
    duration(json, "staleIfError", policy.staleIfError());
    duration(json, "singleFlightTimeout", policy.singleFlightTimeout());
    duration(json, "singleFlightLease", policy.singleFlightLease());
    return json.build();
  }

  /** @return the defaults every cache starts from: the built-in ones overridden by {@code strata.cache.default.*} */
  static JsonObject defaults(CacheSettings settings, AnnotationPolicy annotations) {
    JsonObjectBuilder json = Json.createObjectBuilder()
        .add("l1Enabled", settings.l1Enabled())
        .add("l1MaxSize", settings.l1MaxSize());
    duration(json, "maxStaleness", settings.maxStaleness());
    if (settings.expiry() == null) {
      json.addNull("expiry");
    } else {
      json.add("expiry", settings.expiry().name().toLowerCase(Locale.ROOT));
    }
    duration(json, "ttl", settings.ttl());
    bool(json, "storeByValue", settings.storeByValue());
    bool(json, "statistics", settings.statistics());
    bool(json, "management", settings.management());
    json.add("enabled", settings.enabled())
        .add("prefixInvalidation", settings.prefixInvalidation());
    duration(json, "singleFlightTimeout", annotations.singleFlightTimeout());
    duration(json, "singleFlightLease", settings.singleFlightLease());
    duration(json, "refreshAfter", settings.refreshAfter());
    duration(json, "staleIfError", settings.staleIfError());
    if (settings.expiryClass() == null) {
      json.addNull("expiryClass");
    } else {
      json.add("expiryClass", settings.expiryClass());
    }
    return json.add("nullCaching", annotations.nullCaching()).build();
  }

  private static void duration(JsonObjectBuilder json, String field, Duration duration) {
    if (duration == null) {
      json.addNull(field);
    } else {
      json.add(field, duration.toString());
    }
  }

  private static void bool(JsonObjectBuilder json, String field, Boolean value) {
    if (value == null) {
      json.addNull(field);
    } else {
      json.add(field, value);
    }
  }

  /** JSON has no NaN or infinity. */
  private static double finite(double value) {
    return Double.isFinite(value) ? value : 0;
  }
}
