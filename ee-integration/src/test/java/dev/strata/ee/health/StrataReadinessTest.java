package dev.strata.ee.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.strata.cache.StrataCacheManager;
import dev.strata.ee.CacheWarmer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import dev.strata.ee.StrataContainer;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The readiness check of L2, called through the {@code @Readiness HealthCheck} bean the extension registers. */
class StrataReadinessTest {

  @BeforeAll
  static void responses() {
    MapHealthResponses.install();
  }

  private static HealthCheck readiness(StrataContainer container) {
    return container.bean(HealthCheck.class, Readiness.Literal.INSTANCE);
  }

  /** Holds its warming until the test opens {@link #GATE}. */
  @ApplicationScoped
  public static class SlowWarmer implements CacheWarmer<String, String> {
    static final CountDownLatch GATE = new CountDownLatch(1);

    @Override
    public String cacheName() {
      return "slow";
    }

    @Override
    public Map<String, String> entries() throws InterruptedException {
      GATE.await(60, TimeUnit.SECONDS);
      return Map.of("k", "v");
    }
  }

  @ApplicationScoped
  public static class FailingWarmer implements CacheWarmer<String, String> {
    @Override
    public String cacheName() {
      return "broken";
    }

    @Override
    public Map<String, String> entries() {
      throw new IllegalStateException("the product table is missing");
    }
  }

  @Test
  void call_requiredCacheWarming_isDownWithProgressThenUpOnceWarm() {
    try (StrataContainer container = StrataContainer.builder().beans(SlowWarmer.class)
        .config("strata.cache.slow.warm.required", "true").start()) {

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        HealthCheckResponse response = readiness(container).call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("warming", "slow: warming 0/?");
      });
      SlowWarmer.GATE.countDown();

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(readiness(container).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP));
    }
  }

  @Test
  void call_requiredCacheWarmingFailed_staysDownWithTheReason() {
    try (StrataContainer container = StrataContainer.builder().beans(FailingWarmer.class)
        .config("strata.cache.default.warm.required", "true").start()) {

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        HealthCheckResponse response = readiness(container).call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow().get("reason")).asString()
            .isEqualTo("warming failed: broken: failed after 0 entries: the product table is missing");
      });
    }
  }

  @Test
  void call_warmedCacheNotRequired_isUpWhateverTheWarming() {
    try (StrataContainer container = StrataContainer.builder().beans(FailingWarmer.class).start()) {
      container.runtime().cache("warm").put("k", "v");

      assertThat(readiness(container).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
  }

  @Test
  void readiness_registeredWhereHealthApiIsPresent_isStrataReadiness() {
    try (StrataContainer container = StrataContainer.builder().start()) {
      assertThat(readiness(container)).isInstanceOf(StrataReadiness.class);
    }
  }

  @Test
  void call_embeddedMemberRunning_isUpWithMemberData() {
    try (StrataContainer container = StrataContainer.builder().start()) {
      container.runtime().cache("warm").put("k", "v");

      HealthCheckResponse response = readiness(container).call();

      assertThat(response.getName()).isEqualTo(StrataReadiness.NAME);
      assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
      Map<String, Object> data = response.getData().orElseThrow();
      assertThat(data).containsEntry("mode", "member").containsEntry("clusterState", "ACTIVE").containsEntry("members", 1L);
      assertThat(data.get("instance")).isEqualTo(container.runtime().manager().hazelcastInstance().getName());
    }
  }

  /** A record the application's @CacheResult method returns: the warm-up writes and reads one. */
  public record Quote(String symbol, long cents, boolean open) implements java.io.Serializable {
  }

  /** A bean whose cached method returns a record. */
  @jakarta.enterprise.context.ApplicationScoped
  public static class Quotes {
    @javax.cache.annotation.CacheResult(cacheName = "quotes")
    public Quote quote(String symbol) {
      return new Quote(symbol, 100, true);
    }
  }

  @Test
  void call_whileTheRequestPathWarmsUp_isDownWithItsProgress_thenUp_andTheWarmUpCacheIsClosed() {
    try (StrataContainer container = StrataContainer.builder().beans(Quotes.class)
        .config("strata.warm-up.rounds", "200").start()) {
      HealthCheckResponse first = readiness(container).call();
      assertThat(first.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> {
        Object warmUp = readiness(container).call().getData().orElseThrow().get("warmUp");
        return warmUp != null && warmUp.toString().matches("[1-9][0-9]*/200 rounds");
      });
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(readiness(container).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP));
      assertThat(container.runtime().manager().getCacheNames()).as("the warm-up's cache, closed on this JVM")
          .doesNotContain("strata-warm-up");
      assertThat(container.bean(Quotes.class).quote("ACME")).isEqualTo(new Quote("ACME", 100, true));
    }
  }

  @Test
  void call_nothingStartedYet_startsMemberInBackgroundAndBecomesUp() {
    try (StrataContainer container = StrataContainer.builder().start()) {
      assertThat(container.runtime().manager().hazelcastInstance()).isNull();

      HealthCheckResponse first = readiness(container).call();

      assertThat(first.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
      assertThat(first.getData().orElseThrow().get("reason")).asString().contains("starting");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(readiness(container).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP));
      assertThat(container.runtime().manager().hazelcastInstance()).isNotNull();
    }
  }

  @Test
  void call_afterMemberStopped_isDownAndDoesNotStartAnotherMember() {
    try (StrataContainer container = StrataContainer.builder().start()) {
      container.runtime().cache("warm").put("k", "v");
      HazelcastInstance member = container.runtime().manager().hazelcastInstance();

      member.shutdown();
      HealthCheckResponse response = readiness(container).call();

      assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
      assertThat(response.getData().orElseThrow().get("reason")).asString().contains("stopped");
      assertThat(container.runtime().manager().l2State()).isEqualTo(StrataCacheManager.L2State.STOPPED);
    }
  }

  @Test
  void call_eagerStart_isUpWithoutAnyCacheUse() {
    try (StrataContainer container = StrataContainer.builder().config("strata.hazelcast.start", "eager").start()) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(readiness(container).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP));
    }
  }

  @Test
  void call_clientModeWithUnreachableCluster_isDownWithReason() {
    try (StrataContainer container = StrataContainer.builder()
        .config("strata.hazelcast.mode", "client")
        .config("strata.hazelcast.members", "127.0.0.1:5949")
        .config("strata.hazelcast.connect-timeout", "PT1S")
        .start()) {

      readiness(container).call();

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        HealthCheckResponse response = readiness(container).call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow().get("reason")).asString()
            .contains("could not start or connect", "127.0.0.1:5949");
      });
    }
  }
}
