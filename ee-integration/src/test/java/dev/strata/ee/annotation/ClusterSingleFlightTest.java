package dev.strata.ee.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.cache.StrataCache;
import dev.strata.cache.StrataCacheManager;
import dev.strata.cache.spi.StrataCachingProvider;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.annotation.CacheResult;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @CacheResult} on four JVMs at once: four Strata members in one cluster, each with its own
 * {@link CacheInterception} and its own instance of the bean, as four application servers would
 * have. When a hot key has expired and all four call the method at the same moment, the method runs
 * once in the cluster, and every caller gets its result.
 */
class ClusterSingleFlightTest {

  private static final int JVMS = 4;
  private static final AtomicInteger CALLS = new AtomicInteger();
  private static final List<StrataCachingProvider> providers = new ArrayList<>();
  private static final List<CacheInterception> interceptions = new ArrayList<>();
  private static final List<StrataCacheManager> managers = new ArrayList<>();

  /** The bean each JVM has: a slow report, counted across all four. */
  public static final class Reports {
    @CacheResult(cacheName = "reports")
    public String report(String id) throws InterruptedException {
      int call = CALLS.incrementAndGet();
      TimeUnit.MILLISECONDS.sleep(300);
      return id + " #" + call;
    }
  }

  @BeforeAll
  static void start() {
    Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
    StrataCacheManager.allowApplicationTypes(List.of(Reports.class));
    String cluster = "cluster-flight-" + UUID.randomUUID();
    for (int i = 0; i < JVMS; i++) {
      Properties properties = new Properties();
      properties.setProperty("strata.hazelcast.cluster-name", cluster);
      properties.setProperty("strata.hazelcast.port", Integer.toString(6040 + i));
      properties.setProperty("strata.hazelcast.members", "127.0.0.1:6040,127.0.0.1:6041,127.0.0.1:6042,127.0.0.1:6043");
      properties.setProperty("strata.cache.reports.ttl", "PT1S");
      StrataCachingProvider provider = new StrataCachingProvider();
      providers.add(provider);
      StrataCacheManager manager = (StrataCacheManager) provider.getCacheManager(URI.create("strata:cluster-flight"),
          ClusterSingleFlightTest.class.getClassLoader(), properties);
      manager.getOrCreateCache("reports", new MutableConfiguration<>());
      managers.add(manager);
      interceptions.add(new CacheInterception(
          new MethodRegistry(Instantiator.reflective(), new StrataCacheResolverFactory(
              name -> manager.getOrCreateCache(name, new MutableConfiguration<>()))),
          new SingleFlight(), new DegradedCalls(), name -> AnnotationPolicy.DEFAULT));
    }
    await("one cluster of " + JVMS).atMost(Duration.ofSeconds(60)).until(() -> managers.stream()
        .allMatch(m -> m.hazelcastInstance().getCluster().getMembers().size() == JVMS));
  }

  @AfterAll
  static void stop() {
    providers.forEach(StrataCachingProvider::close);
  }

  @Test
  void expiredHotKey_calledOnFourJvmsAtOnce_runsTheMethodOnce() throws Exception {
    List<Reports> beans = new ArrayList<>();
    for (int i = 0; i < JVMS; i++) {
      beans.add(new Reports());
    }
    Method report = Reports.class.getMethod("report", String.class);
    assertThat(call(0, beans.get(0), report, "q3")).isEqualTo("q3 #1");
    for (int jvm = 0; jvm < JVMS; jvm++) {
      assertThat(call(jvm, beans.get(jvm), report, "q3")).as("a hit on every JVM").isEqualTo("q3 #1");
    }
    TimeUnit.MILLISECONDS.sleep(1_100);

    CyclicBarrier together = new CyclicBarrier(JVMS);
    ExecutorService threads = Executors.newFixedThreadPool(JVMS);
    List<Future<Object>> results = new ArrayList<>();
    for (int i = 0; i < JVMS; i++) {
      int jvm = i;
      results.add(threads.submit(() -> {
        together.await(10, TimeUnit.SECONDS);
        return call(jvm, beans.get(jvm), report, "q3");
      }));
    }
    threads.shutdown();
    for (Future<Object> result : results) {
      assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("q3 #2");
    }
    assertThat(CALLS).as("one run for the expired key in the whole cluster").hasValue(2);
    long waits = managers.stream().mapToLong(m -> m.getCache("reports").unwrap(StrataCache.class).statistics()
        .loading().singleFlightWaits()).sum();
    assertThat(waits).as("the other three JVMs waited for the one that held the lease").isEqualTo(JVMS - 1);
  }

  private static Object call(int jvm, Object bean, Method method, Object... arguments) throws Exception {
    try {
      return interceptions.get(jvm).intercept(new CacheInterceptionTest.MethodCall(bean, method, arguments), CacheResult.class);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
