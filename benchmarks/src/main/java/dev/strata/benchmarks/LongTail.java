package dev.strata.benchmarks;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.ICache;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nearcache.NearCacheStats;
import dev.strata.cache.CacheStatistics;
import dev.strata.cache.StrataCache;
import dev.strata.cache.spi.StrataCachingProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The long-tail read load of issue 19: one reader thread, paced at a fixed rate of gets, keys drawn
 * from a Zipf(1.0) law, cache-aside (a miss puts the value), every cache at its defaults with an L1
 * (or near cache, or heap) of 10,000 entries. Optionally another JVM writes 1 % as many puts, on
 * keys drawn from the same law. After a warm-up it measures the fraction of gets served from L1
 * and the reads per second that went past it (to L2, or, for Caffeine, to the loader).
 *
 * <p>Usage: {@code LongTail <strata|hazelcast_client_nearcache|caffeine> <keys> <gets per second>
 * <write percent> <warm-up s> <measure s>}; prints one line of results. The writer JVM is
 * {@code LongTail writer <subject> <keys> <writes per second> <seconds>}.
 */
public final class LongTail {

  static final int L1_SIZE = 10_000;
  private static final String CLUSTER = "strata-longtail";
  private static final String CACHE = "longtail";
  private static final int STRATA_READER_PORT = 5851;
  private static final int STRATA_WRITER_PORT = 5852;
  private static final int MEMBER_PORT = 5861;

  private LongTail() {
  }

  /**
   * A cache and how to tell which of its gets L1 served: from the provider's own statistics, or, for
   * a cache that is nothing but L1 ({@code hits} given), from the gets that found a value.
   */
  private record Measured(Cache<String, Object> cache, LongSupplier l1Hits, AutoCloseable closer, AtomicLong hits) {
    Measured(Cache<String, Object> cache, LongSupplier l1Hits, AutoCloseable closer) {
      this(cache, l1Hits, closer, null);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("writer")) {
      write(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      return;
    }
    String subjectName = args[0];
    int keys = Integer.parseInt(args[1]);
    int rate = Integer.parseInt(args[2]);
    double writePercent = Double.parseDouble(args[3]);
    int warmup = Integer.parseInt(args[4]);
    int measure = Integer.parseInt(args[5]);
    RemoteMember member = subjectName.startsWith("hazelcast") ? RemoteMember.start(CLUSTER, MEMBER_PORT) : null;
    Measured subject = open(subjectName, STRATA_READER_PORT, member);
    Process writer = null;
    if (writePercent > 0) {
      int writes = (int) Math.max(1, Math.round(rate * writePercent / 100));
      writer = startWriter(subjectName, keys, writes, warmup + measure + 5);
    }
    try {
      UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
      DiscreteSampler zipf = RejectionInversionZipfSampler.of(random, keys, 1.0);
      long period = TimeUnit.SECONDS.toNanos(1) / rate;
      run(subject, zipf, period, TimeUnit.SECONDS.toNanos(warmup));
      long gets = 0;
      long l1Before = subject.l1Hits().getAsLong();
      long started = System.nanoTime();
      gets += run(subject, zipf, period, TimeUnit.SECONDS.toNanos(measure));
      double seconds = (System.nanoTime() - started) / 1e9;
      long l1 = subject.l1Hits().getAsLong() - l1Before;
      System.out.printf(Locale.ROOT, "RESULT subject=%s keys=%d rate=%d writes=%.0f%% gets=%d l1=%.1f%% l2PerSecond=%.0f%n",
          subjectName, keys, rate, writePercent, gets, 100.0 * l1 / gets, (gets - l1) / seconds);
    } finally {
      if (writer != null) {
        writer.destroy();
        writer.waitFor(30, TimeUnit.SECONDS);
      }
      subject.closer().close();
      if (member != null) {
        member.close();
      }
    }
  }

  /** Reads at {@code period} intervals for {@code nanos}; a miss puts the value, as cache-aside code does. */
  private static long run(Measured subject, DiscreteSampler zipf, long period, long nanos) {
    long start = System.nanoTime();
    long next = start;
    long gets = 0;
    while (next - start < nanos) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      String key = "k" + zipf.sample();
      if (subject.cache().get(key) == null) {
        subject.cache().put(key, Values.ValueKind.RECORD.create(key.hashCode()));
      } else if (subject.hits() != null) {
        subject.hits().incrementAndGet();
      }
      gets++;
      next += period;
    }
    return gets;
  }

  private static Measured open(String name, int strataPort, RemoteMember member) {
    MutableConfiguration<String, Object> configuration = new MutableConfiguration<String, Object>()
        .setTypes(String.class, Object.class).setStatisticsEnabled(true);
    switch (name) {
      case "strata": {
        Properties properties = new Properties();
        properties.setProperty("strata.hazelcast.cluster-name", CLUSTER);
        properties.setProperty("strata.hazelcast.port", Integer.toString(strataPort));
        properties.setProperty("strata.hazelcast.members",
            "127.0.0.1:" + STRATA_READER_PORT + ",127.0.0.1:" + STRATA_WRITER_PORT);
        properties.setProperty("strata.serialization.allow", "dev.strata.benchmarks.*");
        StrataCachingProvider provider = new StrataCachingProvider();
        CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), LongTail.class.getClassLoader(), properties);
        Cache<String, Object> cache = manager.createCache(CACHE, configuration);
        CacheStatistics statistics = cache.unwrap(StrataCache.class).statistics();
        return new Measured(cache, statistics::l1Hits, () -> {
          manager.close();
          provider.close();
        });
      }
      case "hazelcast_client_nearcache": {
        ClientConfig config = new ClientConfig().setClusterName(CLUSTER);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().addAddress("127.0.0.1:" + (member != null ? member.port : MEMBER_PORT));
        // Hazelcast's defaults: 10,000 entries, LRU, invalidated on change
        config.addNearCacheConfig(new NearCacheConfig(CACHE));
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        CachingProvider provider = Caching.getCachingProvider("com.hazelcast.client.cache.HazelcastClientCachingProvider");
        CacheManager manager = provider.getCacheManager(null, null, HazelcastCachingProvider.propertiesByInstanceItself(client));
        Cache<String, Object> cache = manager.getCache(CACHE) != null ? manager.getCache(CACHE)
            : manager.createCache(CACHE, configuration);
        @SuppressWarnings("unchecked")
        ICache<String, Object> icache = cache.unwrap(ICache.class);
        NearCacheStats near = icache.getLocalCacheStatistics().getNearCacheStatistics();
        return new Measured(cache, near::getHits, () -> {
          manager.close();
          client.shutdown();
        });
      }
      case "caffeine": {
        CaffeineConfiguration<String, Object> caffeine = new CaffeineConfiguration<>();
        caffeine.setTypes(String.class, Object.class).setStatisticsEnabled(true);
        caffeine.setMaximumSize(OptionalLong.of(L1_SIZE));
        CachingProvider provider = Caching.getCachingProvider("com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider");
        CacheManager manager = provider.getCacheManager();
        Cache<String, Object> cache = manager.createCache(CACHE, caffeine);
        AtomicLong hits = new AtomicLong();
        return new Measured(cache, hits::get, manager::close, hits);
      }
      default:
        throw new IllegalArgumentException("Unknown subject '" + name + "'");
    }
  }

  /** The other JVM: writes {@code writes} puts a second on keys drawn from the same law. */
  private static void write(String subjectName, int keys, int writes, int seconds) {
    Measured subject = open(subjectName, STRATA_WRITER_PORT, null);
    try {
      UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
      DiscreteSampler zipf = RejectionInversionZipfSampler.of(random, keys, 1.0);
      long period = TimeUnit.SECONDS.toNanos(1) / writes;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      long next = System.nanoTime();
      int version = 0;
      while (System.nanoTime() < deadline) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        String key = "k" + zipf.sample();
        subject.cache().put(key, Values.ValueKind.RECORD.create(key.hashCode() + ++version));
        next += period;
      }
    } finally {
      try {
        subject.closer().close();
      } catch (Exception ignored) {
        // the JVM ends here anyway
      }
    }
  }

  private static Process startWriter(String subject, int keys, int writes, int seconds) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules=java.se", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "-Xmx512m", "-Dhazelcast.logging.type=none", "-cp", System.getProperty("java.class.path"),
        LongTail.class.getName(), "writer", subject, Integer.toString(keys), Integer.toString(writes),
        Integer.toString(seconds)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    // the writer joins (Strata) or connects (Hazelcast) before the warm-up ends
    return process;
  }
}
