package dev.strata.ee.cdi;

import static dev.strata.ee.StrataContainer.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.cache.StrataCache;
import dev.strata.cache.StrataCacheManager;
import dev.strata.cache.StrataExpiry;
import dev.strata.cache.spi.StrataCachingProvider;
import dev.strata.ee.NamedCache;
import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheResult;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @CacheResult} with its cache's freshness (issue 20): a value-chosen expiry from a CDI
 * bean, refresh-ahead that re-invokes the method in the background, a miss that waits for another
 * JVM holding the key's lease instead of running the method, and stale-if-error, counted and shown
 * in readiness.
 */
class FreshnessInterceptionTest {

  private static final String CLUSTER = "ee-fresh-" + UUID.randomUUID();
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static StrataContainer container;
  private static StrataCachingProvider otherJvm;

  @BeforeAll
  static void start() {
    dev.strata.ee.health.MapHealthResponses.install();
    container = StrataContainer.builder()
        .beans(Credits.class, CreditsExpiry.class)
        .config("strata.hazelcast.cluster-name", CLUSTER)
        .config("strata.hazelcast.port", "6030")
        .config("strata.hazelcast.members", "127.0.0.1:6030,127.0.0.1:6031")
        .config("strata.cache.refreshing.ttl", "PT1M")
        .config("strata.cache.refreshing.refresh-after", "PT0.5S")
        .config("strata.cache.failing.ttl", "PT1S")
        .config("strata.cache.failing.stale-if-error", "PT1M")
        .start();
  }

  @AfterAll
  static void stop() {
    if (otherJvm != null) {
      otherJvm.close();
    }
    container.close();
  }

  /** "15 minutes, but 60 seconds while the balance is 0", as a bean that names its cache. */
  @Dependent
  @NamedCache("balances")
  public static class CreditsExpiry implements StrataExpiry<Object, Object> {
    @Override
    public Duration expireAfterCreate(Object key, Object balance) {
      return Integer.valueOf(0).equals(balance) ? Duration.ofSeconds(60) : Duration.ofMinutes(15);
    }
  }

  @ApplicationScoped
  public static class Credits {
    final AtomicInteger balanceCalls = new AtomicInteger();
    final AtomicInteger refreshCalls = new AtomicInteger();
    final AtomicInteger contendedCalls = new AtomicInteger();
    final AtomicInteger failingCalls = new AtomicInteger();
    volatile CountDownLatch refreshGate = new CountDownLatch(0);
    volatile boolean failing;

    // the test holds a client proxy: it reaches the bean's state through methods, never fields
    public int calls(String method) {
      return switch (method) {
        case "balance" -> balanceCalls.get();
        case "quote" -> refreshCalls.get();
        case "report" -> contendedCalls.get();
        default -> failingCalls.get();
      };
    }

    public void gate(CountDownLatch gate) {
      refreshGate = gate;
    }

    public void openGate() {
      refreshGate.countDown();
    }

    public void failing(boolean on) {
      failing = on;
    }

    @CacheResult(cacheName = "balances")
    public Integer balance(String user) {
      balanceCalls.incrementAndGet();
      return user.startsWith("broke") ? 0 : 100;
    }

    @CacheResult(cacheName = "refreshing")
    public String quote(String symbol) throws InterruptedException {
      int call = refreshCalls.incrementAndGet();
      if (call > 1) {
        refreshGate.await(BOUND.toSeconds(), TimeUnit.SECONDS);
      }
      return symbol + "-v" + call;
    }

    @CacheResult(cacheName = "contended")
    public String report(String id) {
      contendedCalls.incrementAndGet();
      return "mine";
    }

    @CacheResult(cacheName = "failing")
    public String price(String id) {
      int call = failingCalls.incrementAndGet();
      if (failing) {
        throw new IllegalStateException("the database is down");
      }
      return id + "-v" + call;
    }
  }

  @Test
  void expiryBean_choosesTheLifetimeFromTheValue() {
    Credits credits = container.bean(Credits.class);
    assertThat(credits.balance("broke-1")).isZero();
    assertThat(credits.balance("rich-1")).isEqualTo(100);
    StrataCache<?, ?> cache = container.cache("balances").unwrap(StrataCache.class);
    assertThat(cache.statistics().policy().expiry()).isEqualTo(CreditsExpiry.class.getName());
    // written with the lifetime each value chose: seconds for a balance of 0, minutes for the others
    com.hazelcast.map.IMap<byte[], byte[]> map = container.runtime().manager().hazelcastInstance()
        .getMap("strata/" + container.runtime().manager().getURI() + "/balances");
    long[] ttls = map.keySet().stream().mapToLong(k -> map.getEntryView(k).getTtl()).sorted().toArray();
    assertThat(ttls).hasSize(2);
    assertThat(ttls[0]).isBetween(60_000L, 70_000L);
    assertThat(ttls[1]).isBetween(900_000L, 910_000L);
  }

  @Test
  void refreshAhead_answersAtOnce_andReinvokesTheMethodOnceInTheBackground() throws Exception {
    Credits credits = container.bean(Credits.class);
    credits.gate(new CountDownLatch(1));
    assertThat(credits.quote("ACME")).isEqualTo("ACME-v1");
    TimeUnit.MILLISECONDS.sleep(600);
    // the reload waits at the gate; callers do not
    for (int i = 0; i < 20; i++) {
      assertThat(credits.quote("ACME")).isEqualTo("ACME-v1");
    }
    await().atMost(BOUND).until(() -> credits.calls("quote") == 2);
    credits.openGate();
    await().atMost(BOUND).until(() -> "ACME-v2".equals(credits.quote("ACME")));
    StrataCache<?, ?> cache = container.cache("refreshing").unwrap(StrataCache.class);
    assertThat(cache.statistics().loading().refreshesStarted()).isEqualTo(1);
    assertThat(cache.statistics().loading().refreshesDone()).isEqualTo(1);
    assertThat(credits.calls("quote")).isEqualTo(2);
  }

  @Test
  void miss_whileAnotherJvmComputesTheKey_waitsForItsResult_insteadOfRunningTheMethod() throws Exception {
    Credits credits = container.bean(Credits.class);
    credits.report("warm-up");
    StrataCache<Object, Object> theirs = otherJvm().getCache("contended").unwrap(StrataCache.class);
    await("one cluster of two members").atMost(BOUND).until(() -> container.runtime().manager().hazelcastInstance()
        .getCluster().getMembers().size() == 2 && otherJvm().hazelcastInstance().getCluster().getMembers().size() == 2);
    CountDownLatch leading = new CountDownLatch(1);
    ExecutorService other = Executors.newSingleThreadExecutor();
    CompletableFuture<Object> computing = CompletableFuture.supplyAsync(() -> {
      try {
        return theirs.freshness().computeOnce(key("r-1"), () -> {
          leading.countDown();
          TimeUnit.MILLISECONDS.sleep(800);
          theirs.put(key("r-1"), "theirs");
          return "theirs";
        }, () -> theirs.get(key("r-1")));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, other);
    other.shutdown();
    assertThat(leading.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

    assertThat(credits.report("r-1")).isEqualTo("theirs");
    assertThat(computing.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("theirs");
    assertThat(credits.calls("report")).as("only the warm-up ran the method here").isEqualTo(1);
    StrataCache<?, ?> ours = container.cache("contended").unwrap(StrataCache.class);
    assertThat(ours.statistics().loading().singleFlightWaits()).isEqualTo(1);
  }

  @Test
  void staleIfError_answersWithTheExpiredValue_countsIt_andReadinessSaysDegraded() throws Exception {
    Credits credits = container.bean(Credits.class);
    assertThat(credits.price("p-1")).isEqualTo("p-1-v1");
    credits.failing(true);
    TimeUnit.MILLISECONDS.sleep(1_100);
    assertThat(credits.price("p-1")).isEqualTo("p-1-v1");
    assertThat(credits.calls("price")).isEqualTo(2);
    StrataCache<?, ?> cache = container.cache("failing").unwrap(StrataCache.class);
    assertThat(cache.statistics().loading().staleServes()).isEqualTo(1);
    HealthCheckResponse readiness = container.bean(org.eclipse.microprofile.health.HealthCheck.class,
        org.eclipse.microprofile.health.Readiness.Literal.INSTANCE).call();
    assertThat(readiness.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(readiness.getData()).hasValueSatisfying(data -> assertThat(data.get("degraded").toString())
        .contains("failing: 1 stale-if-error"));
    credits.failing(false);
  }

  /** A second Strata member of the container's cluster, standing for another JVM with the same application. */
  private static synchronized StrataCacheManager otherJvm() {
    if (otherJvm == null) {
      otherJvm = new StrataCachingProvider();
    }
    Properties properties = new Properties();
    properties.setProperty("strata.hazelcast.cluster-name", CLUSTER);
    properties.setProperty("strata.hazelcast.port", "6031");
    properties.setProperty("strata.hazelcast.members", "127.0.0.1:6030,127.0.0.1:6031");
    StrataCacheManager manager = (StrataCacheManager) otherJvm.getCacheManager(otherJvm.getDefaultURI(),
        FreshnessInterceptionTest.class.getClassLoader(), properties);
    if (manager.getCache("contended") == null) {
      manager.createCache("contended", new javax.cache.configuration.MutableConfiguration<>());
    }
    return manager;
  }
}
