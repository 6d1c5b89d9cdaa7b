package dev.strata.ee.management;

import dev.strata.cache.CacheStatistics;
import dev.strata.cache.StrataCache;
import dev.strata.cache.StrataCacheManager;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.cache.configuration.MutableConfiguration;

/**
 * {@code POST /strata/self-test}: writes a probe entry into cache {@value #CACHE} (created on first
 * use, store-by-value, statistics on), reads it back once from L2 and once from L1, and removes it,
 * timing each step in microseconds. The tier that answered is told by the cache's own hit counters.
 * The answer is 200 when every step passed, else 503. Each run uses a key of its own, so runs may
 * overlap; thread-safe.
 */
final class SelfTest {

  static final String CACHE = "strata-self-test";

  private final Supplier<StrataCacheManager> manager;
  private final LongSupplier nanoTime;

  SelfTest(Supplier<StrataCacheManager> manager, LongSupplier nanoTime) {
    this.manager = manager;
    this.nanoTime = nanoTime;
  }

  private record Step(String name, boolean ok, long micros, String detail) {
  }

  /** What a step found: null if it passed, else why not. */
  @FunctionalInterface
  private interface Check {
    String run(StrataCache<String, String> cache);
  }

  Answer run(Call call) {
    String key = "probe-" + UUID.randomUUID();
    JsonArrayBuilder steps = Json.createArrayBuilder();
    StrataCache<String, String> cache;
    try {
      cache = probeCache();
    } catch (RuntimeException e) {
      steps.add(json(new Step("open", false, 0, describe(e))));
      return answer(false, steps);
    }
    CacheStatistics statistics = cache.statistics();
    Step put = step("put", cache, c -> {
      c.put(key, key);
      return null;
    });
    Step l2 = put.ok() ? read("read-l2", cache, key, statistics::l2Hits) : skipped("read-l2");
    Step l1 = !l2.ok() ? skipped("read-l1")
        : statistics.policy().l1Enabled() ? read("read-l1", cache, key, statistics::l1Hits)
        : new Step("read-l1", true, 0, "L1 is off for cache '" + CACHE + "': nothing to read from it");
    Step remove = put.ok() ? step("remove", cache, c -> c.remove(key) ? null : "the probe entry was gone before the remove")
        : skipped("remove");
    boolean ok = true;
    for (Step step : new Step[] {put, l2, l1, remove}) {
      steps.add(json(step));
      ok &= step.ok();
    }
    return answer(ok, steps);
  }

  /** A get that must return the probe value and be counted as a hit of the tier {@code hits} counts. */
  private Step read(String name, StrataCache<String, String> cache, String key, LongSupplier hits) {
    long before = hits.getAsLong();
    return step(name, cache, c -> {
      String value = c.get(key);
      if (!key.equals(value)) {
        return "read " + value + " instead of the probe value";
      }
      // statistics off (strata.cache.default.statistics=false) leaves the tier unknown, not wrong
      return !c.statistics().enabled() || hits.getAsLong() > before ? null
          : "the probe value came, but not from " + (name.endsWith("l1") ? "L1" : "L2");
    });
  }

  private Step step(String name, StrataCache<String, String> cache, Check check) {
    long started = nanoTime.getAsLong();
    String problem;
    try {
      problem = check.run(cache);
    } catch (RuntimeException e) {
      problem = describe(e);
    }
    long micros = (nanoTime.getAsLong() - started) / 1_000;
    return new Step(name, problem == null, micros, problem);
  }

  private static Step skipped(String name) {
    return new Step(name, false, 0, "not run: an earlier step failed");
  }

  private StrataCache<String, String> probeCache() {
    MutableConfiguration<String, String> configuration = new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setStoreByValue(true)
        .setStatisticsEnabled(true);
    return manager.get().getOrCreateCache(CACHE, configuration).unwrap(StrataCache.class);
  }

  private static JsonObjectBuilder json(Step step) {
    return Json.createObjectBuilder()
        .add("step", step.name()).add("ok", step.ok()).add("micros", step.micros())
        .add("detail", step.detail() == null ? "ok" : step.detail());
  }

  private static Answer answer(boolean ok, JsonArrayBuilder steps) {
    return new Answer(ok ? 200 : 503, Json.createObjectBuilder().add("cache", CACHE).add("ok", ok)
        .add("steps", steps).build(), Map.of());
  }

  private static String describe(RuntimeException e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
