package dev.strata.benchmarks;

import dev.strata.cache.StrataCache;
import dev.strata.cache.CacheStatistics;
import dev.strata.cache.spi.StrataCachingProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/**
 * Invalidation latency between two Strata members on loopback: the time from a put on A until
 * B's L1 stops serving the old value. B holds the old value in L1 (max-staleness is an hour, so
 * only the invalidation can end it), A writes, and B reads in a tight loop until it sees the new
 * value. Not a JMH benchmark: JMH measures throughput and per-call time, not the delay of an
 * asynchronous event.
 *
 * <p>Arguments: rounds (default 2000), output file (optional).
 */
public final class InvalidationLatency {

  private InvalidationLatency() {
  }

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    StrataCachingProvider providerA = new StrataCachingProvider();
    StrataCachingProvider providerB = new StrataCachingProvider();
    try {
      Cache<String, String> a = cache(providerA, 5841);
      Cache<String, String> b = cache(providerB, 5842);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!"ready".equals(b.get("probe"))) {
        a.put("probe", "ready");
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("The two members did not form a cluster within 60 s");
        }
      }
      long[] nanos = new long[rounds];
      int warmup = Math.min(200, rounds / 5);
      for (int round = -warmup; round < rounds; round++) {
        String key = "k" + Math.floorMod(round, 100);
        String old = "old-" + round;
        a.put(key, old);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!old.equals(b.get(key))) {
          if (System.nanoTime() > until) {
            throw new IllegalStateException("B never saw " + old);
          }
        }
        // wait until B's L1 really holds the old value (its own write events can cancel a first publish)
        CacheStatistics counters = b.unwrap(StrataCache.class).statistics();
        long hits = counters.l1Hits();
        while (counters.l1Hits() == hits) {
          b.get(key);
          if (System.nanoTime() > until) {
            throw new IllegalStateException("B's L1 never held " + old);
          }
        }
        String fresh = "new-" + round;
        long start = System.nanoTime();
        a.put(key, fresh);
        while (!fresh.equals(b.get(key))) {
          if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(5)) {
            throw new IllegalStateException("B served the old value of " + key + " for 5 s");
          }
        }
        if (round >= 0) {
          nanos[round] = System.nanoTime() - start;
        }
      }
      Arrays.sort(nanos);
      String report = String.format("invalidation latency, %d rounds: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", rounds,
          nanos[rounds / 2] / 1e6, nanos[(int) (rounds * 0.99)] / 1e6, nanos[rounds - 1] / 1e6);
      System.out.print(report);
      if (args.length > 1) {
        Files.writeString(Path.of(args[1]), report, StandardCharsets.UTF_8);
      }
    } finally {
      providerA.close();
      providerB.close();
    }
  }

  private static Cache<String, String> cache(StrataCachingProvider provider, int port) {
    Properties properties = new Properties();
    properties.setProperty("strata.hazelcast.cluster-name", "strata-bench-latency");
    properties.setProperty("strata.hazelcast.port", Integer.toString(port));
    properties.setProperty("strata.hazelcast.members", "127.0.0.1:5841,127.0.0.1:5842");
    properties.setProperty("strata.cache.default.max-staleness", "PT1H");
    properties.setProperty("strata.cache.default.statistics", "true");
    CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), InvalidationLatency.class.getClassLoader(), properties);
    return manager.createCache("latency", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
  }
}
