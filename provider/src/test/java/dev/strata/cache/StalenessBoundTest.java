package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The staleness bound runs on the monotonic clock, read by the caller itself at the moment of the
 * read: no other thread has to run for the first read after a stall to see the time after it, and
 * a wall-clock step cannot stretch (or cut) the bound. Time is moved by hand, and only the test's
 * own thread runs between the moves, as after a stop-the-world pause.
 */
class StalenessBoundTest {

  private static final Map<String, String> BOUND = Map.of("strata.cache.default.max-staleness", "PT1S");

  @Test
  void get_firstReadAfterAStallLongerThanMaxStaleness_goesToL2() {
    ManualClock clock = new ManualClock();
    try (Cluster cluster = Cluster.onPorts(5980, 5984)) {
      StrataCache<String, String> cache = cluster.member(clock, BOUND).cache("stall", String.class, String.class);
      cache.put("k", "v");
      awaitOwnEvent(cache);
      cache.get("k");
      cache.get("k");
      long l1Hits = cache.statistics().l1Hits();
      long l2Hits = cache.statistics().l2Hits();

      // the whole JVM stalls for longer than max-staleness; then this thread is the first to run
      clock.advance(Duration.ofMillis(1001));

      assertThat(cache.get("k")).isEqualTo("v");
      assertThat(cache.statistics().l1Hits()).as("hits served after the stall").isEqualTo(l1Hits);
      assertThat(cache.statistics().l2Hits()).isEqualTo(l2Hits + 1);
      assertThat(cache.statistics().staleHitsRefused()).isEqualTo(1);
    }
  }

  @Test
  void get_justBeforeMaxStaleness_isServedFromL1() {
    ManualClock clock = new ManualClock();
    try (Cluster cluster = Cluster.onPorts(5980, 5984)) {
      StrataCache<String, String> cache = cluster.member(clock, BOUND).cache("bound", String.class, String.class);
      cache.put("k", "v");
      awaitOwnEvent(cache);
      cache.get("k");
      long l1Hits = cache.statistics().l1Hits();

      clock.advance(Duration.ofMillis(999));

      assertThat(cache.get("k")).isEqualTo("v");
      assertThat(cache.statistics().l1Hits()).isEqualTo(l1Hits + 1);
    }
  }

  @Test
  void get_wallClockSteppedBack_doesNotStretchTheBound() {
    ManualClock clock = new ManualClock();
    try (Cluster cluster = Cluster.onPorts(5980, 5984)) {
      StrataCache<String, String> cache = cluster.member(clock, BOUND).cache("step", String.class, String.class);
      cache.put("k", "v");
      awaitOwnEvent(cache);
      cache.get("k");
      long l1Hits = cache.statistics().l1Hits();

      clock.stepWallClock(Duration.ofHours(-1));
      clock.advance(Duration.ofMillis(1001));

      cache.get("k");
      assertThat(cache.statistics().l1Hits()).as("served after max-staleness had passed").isEqualTo(l1Hits);
    }
  }

  /** Waits until the member has heard of its own put, which would otherwise drop the entry the test reads next. */
  private static void awaitOwnEvent(StrataCache<String, String> cache) {
    org.awaitility.Awaitility.await().atMost(Cluster.PATIENCE).until(() -> cache.statistics().invalidationsReceived() > 0);
  }
}
