package dev.strata.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.strata.cache.Freshness;
import dev.strata.cache.StrataCache;
import dev.strata.cache.spi.StrataCachingProvider;
import dev.strata.ee.annotation.SingleFlight;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A hot key that expires over and over, read by 4 JVMs × 8 threads (issue 20): how often the
 * expensive method runs, and what the slowest reads wait. The "JVMs" are four Strata members in
 * this JVM, each with its own Hazelcast instance and L1; thread {@code i} reads through member
 * {@code i % 4}. Each read does what {@code @CacheResult} does: a get, and on a miss the method
 * (50 ms, the database) under single-flight, its result put in the cache. Subjects:
 * <ul>
 *   <li>{@code strata_fresh}: {@code refresh-after=PT1S} with {@code ttl=PT2S}, a hit past 1 s reloads in the
 *       background once in the cluster, misses compute once in the cluster;</li>
 *   <li>{@code strata_plain}: the same TTL without refresh-ahead, single-flight per JVM, as Strata was
 *       before;</li>
 *   <li>{@code caffeine_refresh}: Caffeine's {@code refreshAfterWrite(1 s)} and {@code expireAfterWrite(2 s)},
 *       one JVM, all 32 threads.</li>
 * </ul>
 * Sample time gives the latency percentiles; each iteration prints the method's runs per second,
 * all JVMs together ({@code HOTKEY ... calls/s=}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Threads(32)
@Fork(value = 1, jvmArgs = {"--add-modules=java.se", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Dhazelcast.logging.type=none", "-Xms2g", "-Xmx2g"})
public class HotKeyExpiry {

  static final int JVMS = 4;
  static final long DATABASE_MILLIS = 50;
  static final String KEY = "hot";

  @Param({"strata_fresh", "strata_plain", "caffeine_refresh"})
  public String subject;

  private final AtomicLong calls = new AtomicLong();
  /** Reads that found no value and went to the method (or waited for it). */
  private final AtomicLong misses = new AtomicLong();
  private final List<StrataCachingProvider> providers = new ArrayList<>();
  private final List<StrataCache<String, String>> caches = new ArrayList<>();
  private final SingleFlight[] localFlights = new SingleFlight[JVMS];
  private ExecutorService refreshes;
  private LoadingCache<String, String> caffeine;

  @Setup(Level.Trial)
  public void start() {
    refreshes = Executors.newFixedThreadPool(4);
    if (subject.equals("caffeine_refresh")) {
      caffeine = Caffeine.newBuilder().refreshAfterWrite(Duration.ofSeconds(1)).expireAfterWrite(Duration.ofSeconds(2))
          .executor(refreshes).build(key -> database());
      return;
    }
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < JVMS; i++) {
      members.append(i == 0 ? "" : ",").append("127.0.0.1:").append(5861 + i);
    }
    for (int i = 0; i < JVMS; i++) {
      Properties properties = new Properties();
      properties.setProperty("strata.hazelcast.cluster-name", "strata-bench-hot-" + subject);
      properties.setProperty("strata.hazelcast.port", Integer.toString(5861 + i));
      properties.setProperty("strata.hazelcast.members", members.toString());
      properties.setProperty("strata.cache.hot.ttl", "PT2S");
      if (subject.equals("strata_fresh")) {
        properties.setProperty("strata.cache.hot.refresh-after", "PT1S");
      }
      StrataCachingProvider provider = new StrataCachingProvider();
      providers.add(provider);
      CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), HotKeyExpiry.class.getClassLoader(),
          properties);
      caches.add(manager.createCache("hot", new MutableConfiguration<String, String>()
          .setTypes(String.class, String.class)).unwrap(StrataCache.class));
      localFlights[i] = new SingleFlight();
    }
    awaitCluster();
  }

  private void awaitCluster() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    caches.get(0).put("probe", "ready");
    for (StrataCache<String, String> cache : caches) {
      while (!"ready".equals(cache.get("probe"))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("The " + JVMS + " members did not form a cluster within 60 s");
        }
      }
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    providers.forEach(StrataCachingProvider::close);
    refreshes.shutdownNow();
  }

  private String database() throws InterruptedException {
    calls.incrementAndGet();
    TimeUnit.MILLISECONDS.sleep(DATABASE_MILLIS);
    return "value-" + System.nanoTime();
  }

  private long iterationCalls;
  private long iterationMisses;
  private long iterationStart;

  @Setup(Level.Iteration)
  public void markIteration() {
    iterationCalls = calls.get();
    iterationMisses = misses.get();
    iterationStart = System.nanoTime();
  }

  /** The method's runs per second of the iteration, for all JVMs together (JMH's counters do not go with sample time). */
  @TearDown(Level.Iteration)
  public void reportIteration() {
    double seconds = (System.nanoTime() - iterationStart) / 1e9;
    System.out.printf("%nHOTKEY subject=%s calls=%d seconds=%.1f calls/s=%.2f misses=%d%n", subject,
        calls.get() - iterationCalls, seconds, (calls.get() - iterationCalls) / seconds, misses.get() - iterationMisses);
  }

  @Benchmark
  public Object read(ThreadParams thread) throws Throwable {
    if (caffeine != null) {
      return caffeine.get(KEY);
    }
    int jvm = thread.getThreadIndex() % JVMS;
    StrataCache<String, String> cache = caches.get(jvm);
    String value = cache.get(KEY);
    Freshness<String, String> freshness = cache.freshness();
    if (value != null) {
      // as the interceptor does: the due check first, so that a hit that is not due allocates nothing
      if (freshness.refreshes() && freshness.refreshDue(KEY)) {
        freshness.refreshIfDue(KEY, (Executor) refreshes, () -> {
          freshness.storeRefreshed(KEY, database());
          return null;
        });
      }
      return value;
    }
    misses.incrementAndGet();
    return localFlights[jvm].run("hot", KEY, Duration.ofSeconds(10), () -> {
      if (!freshness.refreshes()) {
        String loaded = database();
        cache.put(KEY, loaded);
        return loaded;
      }
      return freshness.computeOnce(KEY, () -> {
        String loaded = database();
        cache.put(KEY, loaded);
        return loaded;
      }, () -> cache.get(KEY));
    }, () -> cache.get(KEY));
  }
}
