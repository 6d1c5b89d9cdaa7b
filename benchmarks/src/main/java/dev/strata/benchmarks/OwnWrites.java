package dev.strata.benchmarks;

import dev.strata.cache.StrataCache;
import dev.strata.cache.CacheStatistics;
import dev.strata.cache.spi.StrataCachingProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/**
 * What a JVM's own writes cost its own reads, as Hibernate's second-level cache meets it (it
 * writes on every load, lock and unlock, then reads): each round writes a key, reads it, waits
 * until this JVM has heard the write's own entry event, then reads it three more times. It counts
 * the reads that went to L2 and times the three reads. A JVM that lets its own write's event drop
 * the entry it read after the write pays a second L2 read per round. Not a JMH benchmark: the
 * event arrives asynchronously, and the count of L2 reads is the point.
 *
 * <p>Arguments: rounds (default 2000), output file (optional).
 */
public final class OwnWrites {

  private OwnWrites() {
  }

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    StrataCachingProvider provider = new StrataCachingProvider();
    try {
      Properties properties = new Properties();
      properties.setProperty("strata.hazelcast.cluster-name", "strata-own-writes");
      properties.setProperty("strata.hazelcast.port", "5845");
      CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), OwnWrites.class.getClassLoader(), properties);
      Cache<String, String> cache = manager.createCache("own", new MutableConfiguration<String, String>()
          .setTypes(String.class, String.class).setStatisticsEnabled(true));
      CacheStatistics counters = cache.unwrap(StrataCache.class).statistics();
      int warmup = Math.min(200, rounds / 5);
      long l2Reads = 0;
      long readNanos = 0;
      for (int round = -warmup; round < rounds; round++) {
        String key = "k" + Math.floorMod(round, 100);
        long heard = counters.invalidationsReceived();
        long l2Before = counters.l2Hits();
        cache.put(key, "v" + round);
        cache.get(key);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (counters.invalidationsReceived() == heard) {
          if (System.nanoTime() > until) {
            throw new IllegalStateException("The write's own event never arrived");
          }
          Thread.onSpinWait();
        }
        long started = System.nanoTime();
        for (int read = 0; read < 3; read++) {
          cache.get(key);
        }
        long took = System.nanoTime() - started;
        if (round >= 0) {
          l2Reads += counters.l2Hits() - l2Before;
          readNanos += took;
        }
      }
      String report = String.format("own writes: %d rounds, %.2f L2 reads per round (write, read, own event, 3 reads), "
          + "%.1f us for the 3 reads after the event%n", rounds, (double) l2Reads / rounds, readNanos / 1000.0 / rounds);
      System.out.print(report);
      if (args.length > 1) {
        Files.writeString(Path.of(args[1]), report, StandardCharsets.UTF_8);
      }
    } finally {
      provider.close();
    }
  }
}
