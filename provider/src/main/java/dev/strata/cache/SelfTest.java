package dev.strata.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.cache.configuration.MutableConfiguration;

/**
 * What a self-test of a cache manager found: a probe entry written, read back from L2, read again
 * from this JVM's L1, and removed, each step with its latency. It runs in its own cache,
 * {@value #CACHE}, with the default policy, so it shows what a new cache of the application would
 * meet. Immutable.
 *
 * @param passed whether every step passed
 * @param steps  the steps in order
 */
public record SelfTest(boolean passed, List<Step> steps) {

  /** The cache the probe entries live in. */
  public static final String CACHE = "strata-self-test";

  /**
   * One step.
   *
   * @param name   {@code put}, {@code read-l2}, {@code read-l1} or {@code remove}
   * @param micros how long it took
   * @param detail what it saw, or why it failed
   */
  public record Step(String name, long micros, boolean passed, String detail) {
  }

  /** Runs the self-test in {@code manager}; a step that throws fails, and the ones after it do not run. */
  @SuppressWarnings("unchecked")
  static SelfTest run(StrataCacheManager manager) {
    List<Step> steps = new ArrayList<>();
    StrataCache<String, String> cache = manager.getOrCreateCache(CACHE, new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class).setStatisticsEnabled(true)).unwrap(StrataCache.class);
    String key = "probe-" + UUID.randomUUID();
    String value = "written " + System.currentTimeMillis();
    CacheStatistics statistics = cache.statistics();
    boolean ok = step(steps, "put", () -> {
      cache.put(key, value);
      return "put " + key;
    }) && step(steps, "read-l2", () -> read(cache, key, value, statistics::l2Hits, "L2"));
    if (ok && cache.statistics().policy().l1Enabled()) {
      ok = step(steps, "read-l1", () -> read(cache, key, value, statistics::l1Hits, "L1"));
    } else if (ok) {
      steps.add(new Step("read-l1", 0, true, "L1 is off for new caches (l1.enabled=false): nothing to read"));
    }
    ok = ok && step(steps, "remove", () -> {
      if (!cache.remove(key)) {
        throw new IllegalStateException("the probe entry was gone before its removal");
      }
      return "removed " + key;
    });
    return new SelfTest(ok, List.copyOf(steps));
  }

  private static String read(StrataCache<String, String> cache, String key, String expected, Supplier<Long> hits,
                             String tier) {
    long before = hits.get();
    String read = cache.get(key);
    if (!expected.equals(read)) {
      throw new IllegalStateException("read " + read + " instead of " + expected);
    }
    if (cache.statistics().enabled() && hits.get() != before + 1) {
      throw new IllegalStateException("the read was not served by " + tier);
    }
    return "read the probe from " + tier;
  }

  private static boolean step(List<Step> steps, String name, Supplier<String> action) {
    long started = System.nanoTime();
    try {
      String detail = action.get();
      steps.add(new Step(name, (System.nanoTime() - started) / 1_000, true, detail));
      return true;
    } catch (RuntimeException e) {
      steps.add(new Step(name, (System.nanoTime() - started) / 1_000, false, e.toString()));
      return false;
    }
  }
}
