package dev.strata.ee.warming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.strata.cache.StrataCache;
import dev.strata.ee.AnnotationKeys;
import dev.strata.ee.CacheWarmer;
import dev.strata.ee.StrataContainer;
import dev.strata.ee.warming.WarmingStatus.State;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.Test;

/** Warming on a CDI container: {@link CacheWarmer} beans run when the application starts, and {@link CacheWarming} on demand. */
class CacheWarmingTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  /** Warms cache "greetings" the way {@link Greeter#greet} fills it. */
  @ApplicationScoped
  public static class GreetingsWarmer implements CacheWarmer<Object, String> {
    @Override
    public String cacheName() {
      return "greetings";
    }

    @Override
    public Map<Object, String> entries() {
      return Map.of(AnnotationKeys.of("ada"), "Hello, Ada (warmed)", AnnotationKeys.of("alan"), "Hello, Alan (warmed)");
    }
  }

  /** A second warmer of cache "greetings". */
  @ApplicationScoped
  public static class OtherGreetingsWarmer extends GreetingsWarmer {
  }

  @ApplicationScoped
  public static class Greeter {
    private final AtomicInteger calls = new AtomicInteger();

    @CacheResult(cacheName = "greetings")
    public String greet(String name) {
      calls.incrementAndGet();
      return "Hello, " + name;
    }

    public int calls() {
      return calls.get();
    }
  }

  private static void awaitWarm(StrataContainer container, String cacheName) {
    await().atMost(DEADLINE).until(() -> container.bean(CacheWarming.class).status(cacheName).state() == State.WARM);
  }

  @Test
  void onStartup_cacheWarmerBean_fillsTheCacheThroughCountedPuts() {
    try (StrataContainer container = StrataContainer.builder().beans(GreetingsWarmer.class, Greeter.class)
        .config("strata.cache.greetings.statistics", "true").start()) {

      awaitWarm(container, "greetings");

      WarmingStatus status = container.bean(CacheWarming.class).status("greetings");
      assertThat(status.entries()).isEqualTo(2);
      assertThat(container.cache("greetings").unwrap(StrataCache.class).statistics().puts()).isEqualTo(2);
    }
  }

  @Test
  void onStartup_annotationCacheWarmedWithAnnotationKeys_firstCallIsAHit() {
    try (StrataContainer container = StrataContainer.builder().beans(GreetingsWarmer.class, Greeter.class).start()) {
      awaitWarm(container, "greetings");
      Greeter greeter = container.bean(Greeter.class);

      String greeting = greeter.greet("ada");

      assertThat(greeting).isEqualTo("Hello, Ada (warmed)");
      assertThat(greeter.calls()).isZero();
    }
  }

  @Test
  void warm_onDemandAfterTheCacheWasCleared_fillsItAgain() {
    try (StrataContainer container = StrataContainer.builder().beans(GreetingsWarmer.class, Greeter.class).start()) {
      awaitWarm(container, "greetings");
      container.cache("greetings").clear();

      WarmingStatus started = container.bean(CacheWarming.class).warm("greetings");

      assertThat(started.state()).isIn(State.WARMING, State.WARM);
      awaitWarm(container, "greetings");
      assertThat(container.cache("greetings").get(AnnotationKeys.of("alan"))).isEqualTo("Hello, Alan (warmed)");
    }
  }

  @Test
  void start_twoWarmersForOneCache_failsNamingBoth() {
    assertThatThrownBy(() -> StrataContainer.builder().beans(GreetingsWarmer.class, OtherGreetingsWarmer.class).start().close())
        .hasStackTraceContaining("Two CacheWarmer beans warm cache 'greetings'")
        .hasStackTraceContaining(OtherGreetingsWarmer.class.getName());
  }

  @Test
  void status_cacheNobodyWarms_isNotStarted() {
    try (StrataContainer container = StrataContainer.builder().start()) {
      assertThat(container.bean(CacheWarming.class).status("greetings").state()).isEqualTo(State.NOT_STARTED);
      assertThat(container.bean(CacheWarming.class).notReady()).isEmpty();
    }
  }
}
