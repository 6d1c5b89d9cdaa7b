package dev.strata.ee.cdi;

import static dev.strata.ee.StrataContainer.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single-flight loading for {@code @CacheResult}: concurrent misses on one key run the method
 * once, waiting callers get the leader's result or its exception, and a leader slower than the
 * cache's {@code single-flight.timeout} no longer holds the others back.
 */
class SingleFlightTest {

  private static final int CALLERS = 100;
  private static final Duration BOUND = Duration.ofSeconds(20);

  private static StrataContainer container;
  private ExecutorService pool;

  @BeforeAll
  static void start() {
    container = StrataContainer.builder()
        .beans(Loader.class)
        .config("strata.cache.slow-flights.single-flight.timeout", "PT0.2S")
        .start();
  }

  @AfterAll
  static void stop() {
    container.close();
  }

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(CALLERS);
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @ApplicationScoped
  public static class Loader {
    @Inject
    StrataRuntime runtime;

    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger slowLoads = new AtomicInteger();
    private final AtomicInteger failingLoads = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(0);

    /** The leader holds on until every other caller waits for it, so all of them really overlap. */
    @CacheResult(cacheName = "flights")
    public String load(String id) {
      loads.incrementAndGet();
      awaitWaiters("flights", CALLERS - 1);
      return "loaded " + id;
    }

    /**
     * The first call blocks until released. Later calls return once all the given waiters wait,
     * so that none of them finds a value another one stored.
     */
    @CacheResult(cacheName = "slow-flights")
    public String loadSlowly(@CacheKey String id, int waiters) throws InterruptedException {
      int call = slowLoads.incrementAndGet();
      if (call == 1) {
        if (!release.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("the test never released the leader");
        }
      } else {
        awaitWaiters("slow-flights", waiters);
      }
      return "call " + call;
    }

    @CacheResult(cacheName = "failing-flights")
    public String loadAndFail(@CacheKey String id, int waiters) {
      failingLoads.incrementAndGet();
      awaitWaiters("failing-flights", waiters);
      throw new IllegalStateException("backend down for " + id);
    }

    void holdFirstSlowCall() {
      release = new CountDownLatch(1);
    }

    void releaseFirstSlowCall() {
      release.countDown();
    }

    int loads() {
      return loads.get();
    }

    int slowLoads() {
      return slowLoads.get();
    }

    int failingLoads() {
      return failingLoads.get();
    }

    private void awaitWaiters(String cacheName, int waiters) {
      await().atMost(BOUND).until(() -> runtime.singleFlight().waits(cacheName) >= waiters);
    }
  }

  /** Submits the call from that many threads, which all start it at the same moment. */
  private <T> List<Future<T>> concurrently(int callers, Callable<T> call) {
    CountDownLatch ready = new CountDownLatch(callers);
    List<Future<T>> results = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      results.add(pool.submit(() -> {
        ready.countDown();
        ready.await();
        return call.call();
      }));
    }
    return results;
  }

  @Test
  void cacheResult_hundredConcurrentMissesOnOneKey_runMethodOnce() throws Exception {
    Loader loader = container.bean(Loader.class);
    StrataRuntime runtime = container.runtime();

    List<Future<String>> results = concurrently(CALLERS, () -> loader.load("k"));

    for (Future<String> result : results) {
      assertThat(result.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("loaded k");
    }
    assertThat(loader.loads()).isEqualTo(1);
    assertThat(runtime.singleFlight().waits("flights")).isEqualTo(CALLERS - 1);
    assertThat(runtime.singleFlight().inFlight()).isZero();
    assertThat(container.cache("flights").get(key("k"))).isEqualTo("loaded k");
  }

  @Test
  void cacheResult_leaderSlowerThanTimeout_waitersRunMethodThemselves() throws Exception {
    Loader loader = container.bean(Loader.class);
    StrataRuntime runtime = container.runtime();
    loader.holdFirstSlowCall();
    Future<String> leader = pool.submit(() -> loader.loadSlowly("k", 3));
    await().atMost(BOUND).until(() -> loader.slowLoads() == 1);

    List<Future<String>> waiters = concurrently(3, () -> loader.loadSlowly("k", 3));

    for (Future<String> waiter : waiters) {
      assertThat(waiter.get(BOUND.toSeconds(), TimeUnit.SECONDS)).startsWith("call ").isNotEqualTo("call 1");
    }
    assertThat(leader).isNotDone();
    assertThat(loader.slowLoads()).isEqualTo(4);
    assertThat(runtime.singleFlight().waits("slow-flights")).isEqualTo(3);

    loader.releaseFirstSlowCall();
    assertThat(leader.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("call 1");
    assertThat(runtime.singleFlight().inFlight()).isZero();
  }

  @Test
  void cacheResult_leaderThrows_everyWaiterGetsTheExceptionAndNothingIsCached() throws Exception {
    Loader loader = container.bean(Loader.class);
    StrataRuntime runtime = container.runtime();
    int callers = 10;

    List<Future<String>> results = concurrently(callers, () -> loader.loadAndFail("k", callers - 1));

    for (Future<String> result : results) {
      assertThatThrownBy(() -> result.get(BOUND.toSeconds(), TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(IllegalStateException.class).hasMessage("backend down for k");
    }
    assertThat(loader.failingLoads()).isEqualTo(1);
    assertThat(runtime.singleFlight().inFlight()).isZero();
    assertThat(container.cache("failing-flights").containsKey(key("k"))).isFalse();

    assertThatThrownBy(() -> loader.loadAndFail("k", 0)).isInstanceOf(IllegalStateException.class);
    assertThat(loader.failingLoads()).isEqualTo(2);
  }
}
