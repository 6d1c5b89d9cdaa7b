package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expiry chosen from the value, refresh-ahead, single-flight across the cluster and stale-if-error
 * (issue 20), on four Strata members that share one clock the tests move: each member stands for
 * a JVM, with its own Hazelcast instance, L1 and executor.
 */
class FreshnessTest {

  private static final ManualClock CLOCK = new ManualClock();
  private static Cluster cluster;
  private static final List<Node> nodes = new ArrayList<>();

  /** "15 minutes, but 60 seconds while the balance is 0", the seed's rule for credits. */
  public static final class CreditsExpiry implements StrataExpiry<String, Integer> {
    @Override
    public Duration expireAfterCreate(String user, Integer balance) {
      return balance == 0 ? Duration.ofSeconds(60) : Duration.ofMinutes(15);
    }
  }

  /** A loader whose answers and failures the tests script, counting its calls in the whole cluster. */
  public static final class ScriptedLoader implements CacheLoader<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    static final Map<String, Boolean> FAILING = new ConcurrentHashMap<>();

    @Override
    public String load(String key) {
      int call = CALLS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      CountDownLatch gate = GATES.get(key);
      if (gate != null && call > 1) {
        try {
          gate.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (FAILING.getOrDefault(key, false)) {
        throw new IllegalStateException("the database is down");
      }
      return key + "-v" + call;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      throw new UnsupportedOperationException();
    }
  }

  @BeforeAll
  static void start() {
    cluster = Cluster.onPorts(6010, 6019);
    Map<String, String> settings = Map.of(
        "strata.cache.credits.expiry-class", CreditsExpiry.class.getName(),
        "strata.cache.refreshed.ttl", "PT1M",
        "strata.cache.refreshed.refresh-after", "PT10S",
        "strata.cache.raced.ttl", "PT1M",
        "strata.cache.raced.refresh-after", "PT10S",
        "strata.cache.stale.ttl", "PT1M",
        "strata.cache.stale.stale-if-error", "PT30S",
        "strata.cache.flights.single-flight.lease", "PT2S");
    for (int i = 0; i < 4; i++) {
      nodes.add(cluster.member(CLOCK, settings));
    }
    cluster.startAndAwaitStable(nodes.toArray(Node[]::new));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static StrataCache<String, String> loading(Node node, String name) {
    javax.cache.Cache<String, String> cache = node.manager().getCache(name, String.class, String.class);
    if (cache == null) {
      cache = node.manager().createCache(name, new MutableConfiguration<String, String>()
          .setTypes(String.class, String.class).setStatisticsEnabled(true).setReadThrough(true)
          .setCacheLoaderFactory(FactoryBuilder.factoryOf(ScriptedLoader.class)));
    }
    return cache.unwrap(StrataCache.class);
  }

  @Test
  void valueChosenExpiry_isAppliedOnEveryJvm_andFollowsTheValueOnUpdate() {
    List<StrataCache<String, Integer>> credits = nodes.stream().map(n -> n.cache("credits", String.class, Integer.class))
        .toList();
    credits.get(0).put("broke", 0);
    credits.get(1).put("rich", 500);
    for (StrataCache<String, Integer> cache : credits) {
      assertThat(cache.get("broke")).isZero();
      assertThat(cache.get("rich")).isEqualTo(500);
    }
    assertThat(credits.get(0).statistics().policy().expiry()).isEqualTo(CreditsExpiry.class.getName());

    CLOCK.advance(Duration.ofSeconds(60));
    for (StrataCache<String, Integer> cache : credits) {
      assertThat(cache.get("broke")).as("60 s for a balance of 0, on every JVM").isNull();
      assertThat(cache.get("rich")).isEqualTo(500);
    }

    // an update chooses again from the new value: spent down to 0, the entry has 60 s left, not 15 min
    credits.get(2).put("rich", 0);
    CLOCK.advance(Duration.ofSeconds(59));
    assertThat(credits.get(3).get("rich")).isZero();
    CLOCK.advance(Duration.ofSeconds(1));
    for (StrataCache<String, Integer> cache : credits) {
      assertThat(cache.get("rich")).isNull();
    }
  }

  @Test
  void refreshAhead_servesTheOldValueAtOnce_andReloadsOnceAcrossThreeJvms() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    ScriptedLoader.GATES.put("hot", gate);
    List<StrataCache<String, String>> caches = nodes.subList(0, 3).stream().map(n -> loading(n, "refreshed")).toList();
    assertThat(caches.get(0).get("hot")).isEqualTo("hot-v1");

    CLOCK.advance(Duration.ofSeconds(11));
    // the reload is held at the gate: reads that did not wait for it still answer, with the old value
    for (int round = 0; round < 3; round++) {
      for (StrataCache<String, String> cache : caches) {
        assertThat(cache.get("hot")).isEqualTo("hot-v1");
      }
    }
    await().atMost(Cluster.PATIENCE).until(() -> ScriptedLoader.CALLS.get("hot").get() == 2);
    gate.countDown();
    for (StrataCache<String, String> cache : caches) {
      await().atMost(Cluster.PATIENCE).until(() -> "hot-v2".equals(cache.get("hot")));
    }
    // every JVM read the old version while it was due; one reload ran for it in the cluster
    TimeUnit.MILLISECONDS.sleep(500);
    assertThat(ScriptedLoader.CALLS.get("hot").get()).isEqualTo(2);
    long started = caches.stream().mapToLong(c -> c.statistics().loading().refreshesStarted()).sum();
    long done = caches.stream().mapToLong(c -> c.statistics().loading().refreshesDone()).sum();
    assertThat(started).isEqualTo(1);
    assertThat(done).isEqualTo(1);

    // the refreshed entry lives a whole ttl from its reload, whatever CREATED says of updates
    CLOCK.advance(Duration.ofSeconds(55));
    assertThat(caches.get(2).unwrap(StrataCache.class).containsKey("hot")).isTrue();
  }

  @Test
  void refresh_overtakenByAPut_leavesThePutInPlace() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    ScriptedLoader.GATES.put("raced", gate);
    StrataCache<String, String> reader = loading(nodes.get(0), "raced");
    StrataCache<String, String> writer = loading(nodes.get(1), "raced");
    assertThat(reader.get("raced")).isEqualTo("raced-v1");
    CLOCK.advance(Duration.ofSeconds(11));
    assertThat(reader.get("raced")).isEqualTo("raced-v1");
    await().atMost(Cluster.PATIENCE).until(() -> ScriptedLoader.CALLS.get("raced").get() == 2);

    // the reload read the database before this write; when it ends, the write must still be there
    writer.put("raced", "written while the reload ran");
    gate.countDown();
    await().atMost(Cluster.PATIENCE).until(() -> reader.statistics().loading().refreshesDone() > 0
        && reader.statistics().loading().refreshesStarted() == reader.statistics().loading().refreshesDone()
        + reader.statistics().loading().refreshesFailed());
    for (Node node : nodes.subList(0, 2)) {
      assertThat(loading(node, "raced").get("raced")).isEqualTo("written while the reload ran");
    }
  }

  @Test
  void staleIfError_servesTheLastValueWhileTheLoaderThrows_andStopsAfterTheLimit() {
    StrataCache<String, String> first = loading(nodes.get(0), "stale");
    StrataCache<String, String> second = loading(nodes.get(1), "stale");
    assertThat(first.get("price")).isEqualTo("price-v1");

    ScriptedLoader.FAILING.put("price", true);
    CLOCK.advance(Duration.ofSeconds(60));
    assertThat(first.containsKey("price")).as("expired").isFalse();
    assertThat(first.get("price")).isEqualTo("price-v1");
    CLOCK.advance(Duration.ofSeconds(29));
    assertThat(second.get("price")).as("on another JVM too").isEqualTo("price-v1");
    assertThat(first.statistics().loading().staleServes() + second.statistics().loading().staleServes()).isEqualTo(2);

    CLOCK.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> second.get("price")).isInstanceOf(CacheLoaderException.class)
        .hasMessageContaining("the database is down");

    ScriptedLoader.FAILING.put("price", false);
    assertThat(first.get("price")).startsWith("price-v");
  }

  @Test
  void clusterSingleFlight_fourJvmsMissingOneKeyAtOnce_computeItOnce() throws Exception {
    AtomicInteger computations = new AtomicInteger();
    CyclicBarrier together = new CyclicBarrier(4);
    List<CompletableFuture<String>> results = new ArrayList<>();
    java.util.concurrent.ExecutorService jvms = java.util.concurrent.Executors.newFixedThreadPool(4);
    for (Node node : nodes) {
      StrataCache<String, String> cache = node.cache("flights", String.class, String.class);
      results.add(CompletableFuture.supplyAsync(() -> {
        try {
          together.await(10, TimeUnit.SECONDS);
          return cache.freshness().computeOnce("expensive", () -> {
            computations.incrementAndGet();
            TimeUnit.MILLISECONDS.sleep(300);
            cache.put("expensive", "computed");
            return "computed";
          }, () -> cache.get("expensive"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, jvms));
    }
    jvms.shutdown();
    for (CompletableFuture<String> result : results) {
      assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo("computed");
    }
    assertThat(computations).hasValue(1);
    long waits = nodes.stream().mapToLong(n -> n.cache("flights", String.class, String.class)
        .statistics().loading().singleFlightWaits()).sum();
    assertThat(waits).isEqualTo(3);
  }

  @Test
  void expiryClassBesideAFixedExpiry_failsAtCreation_namingTheFix() {
    Node node = nodes.get(0);
    node.manager().setExpiry("doubly", new CreditsExpiry());
    assertThatThrownBy(() -> node.manager().createCache("doubly", new MutableConfiguration<String, Integer>()
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_MINUTE))))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("'doubly'").hasMessageContaining(CreditsExpiry.class.getName())
        .hasMessageContaining("CreatedExpiryPolicy").hasMessageContaining("Keep one");
  }
}
