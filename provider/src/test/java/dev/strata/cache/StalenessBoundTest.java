package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The staleness bound on an embedded member is a lease on the invalidation stream, judged on the
 * monotonic clock read by the caller itself at the moment of the read: no other thread has to run
 * for the first read after a stall to find the lease lapsed, and a wall-clock step cannot stretch
 * (or cut) it. While the lease is renewed, an entry nobody changed stays in L1, however long ago it
 * was read. Time is moved by hand; a stall is modelled by stopping every other thread that reads the
 * clock (the lease's renewals among them), as a stop-the-world pause does.
 */
class StalenessBoundTest {

  private static final Map<String, String> BOUND = Map.of("strata.cache.default.max-staleness", "PT1S");

  @Test
  void get_firstReadAfterAStallLongerThanMaxStaleness_goesToL2() {
    ManualClock clock = new ManualClock();
    try (Cluster cluster = Cluster.onPorts(5980, 5984)) {
      StrataCache<String, String> cache = cluster.member(clock, BOUND).cache("stall", String.class, String.class);
      readIntoL1(cache);
      long l1Hits = cache.statistics().l1Hits();
      long l2Hits = cache.statistics().l2Hits();
      long refused = cache.statistics().staleHitsRefused();

      // the whole JVM stalls for longer than max-staleness; then this thread is the first to run
      clock.stallOtherThreads();
      try {
        clock.advance(Duration.ofMillis(1001));

        assertThat(cache.get("k")).isEqualTo("v");
        assertThat(cache.statistics().l1Hits()).as("hits served after the stall").isEqualTo(l1Hits);
        assertThat(cache.statistics().l2Hits()).isEqualTo(l2Hits + 1);
        assertThat(cache.statistics().staleHitsRefused()).isEqualTo(refused + 1);
      } finally {
        clock.resumeOtherThreads();
      }
    }
  }

  /** What the lease is for: an entry nobody changed is still an L1 hit long after max-staleness. */
  @Test
  void get_unchangedEntryReadLongAgo_isServedFromL1WhileTheLeaseIsRenewed() {
    ManualClock clock = new ManualClock();
    try (Cluster cluster = Cluster.onPorts(5980, 5984)) {
      StrataCache<String, String> cache = cluster.member(clock, BOUND).cache("kept", String.class, String.class);
      readIntoL1(cache);
      long l1Hits = cache.statistics().l1Hits();
      long renewals = cache.statistics().lease().renewals();

      clock.advance(Duration.ofSeconds(60));
      await("the lease renewed after the minute passed").atMost(Cluster.PATIENCE)
          .until(() -> cache.statistics().lease().renewals() > renewals + 1 && cache.statistics().lease().held());

      assertThat(cache.get("k")).isEqualTo("v");
      assertThat(cache.statistics().l1Hits()).as("an L1 hit a minute after the read").isEqualTo(l1Hits + 1);
      assertThat(cache.statistics().lease().ageMillis()).isLessThan(1000);
    }
  }

  /** One round asks the members once for every cache of the manager: each cache gets its own numbers and its lease. */
  @Test
  void leases_severalCachesOfOneManager_areAllRenewedByTheSharedRounds() {
    ManualClock clock = new ManualClock();
    try (Cluster cluster = Cluster.onPorts(5980, 5984)) {
      Node node = cluster.member(clock, BOUND);
      java.util.List<StrataCache<String, String>> caches = java.util.List.of(
          node.cache("regions-a", String.class, String.class), node.cache("regions-b", String.class, String.class),
          node.cache("regions-c", String.class, String.class));
      for (StrataCache<String, String> cache : caches) {
        readIntoL1(cache);
      }
      long[] renewals = caches.stream().mapToLong(c -> c.statistics().lease().renewals()).toArray();

      clock.advance(Duration.ofSeconds(60));

      await("every cache's lease renewed after the minute").atMost(Cluster.PATIENCE).until(() -> {
        for (int i = 0; i < caches.size(); i++) {
          if (caches.get(i).statistics().lease().renewals() <= renewals[i] + 1 || !caches.get(i).statistics().lease().held()) {
            return false;
          }
        }
        return true;
      });
      for (StrataCache<String, String> cache : caches) {
        long hits = cache.statistics().l1Hits();
        assertThat(cache.get("k")).isEqualTo("v");
        assertThat(cache.statistics().l1Hits()).as(cache.getName()).isEqualTo(hits + 1);
      }
    }
  }

  @Test
  void get_wallClockSteppedBack_doesNotStretchTheBound() {
    ManualClock clock = new ManualClock();
    try (Cluster cluster = Cluster.onPorts(5980, 5984)) {
      StrataCache<String, String> cache = cluster.member(clock, BOUND).cache("step", String.class, String.class);
      readIntoL1(cache);
      long l1Hits = cache.statistics().l1Hits();

      clock.stallOtherThreads();
      try {
        clock.stepWallClock(Duration.ofHours(-1));
        clock.advance(Duration.ofMillis(1001));

        cache.get("k");
        assertThat(cache.statistics().l1Hits()).as("served after max-staleness had passed").isEqualTo(l1Hits);
      } finally {
        clock.resumeOtherThreads();
      }
    }
  }

  /** Puts k=v, waits for the lease, and reads k until L1 serves it. */
  private static void readIntoL1(StrataCache<String, String> cache) {
    cache.put("k", "v");
    await().atMost(Cluster.PATIENCE).until(() -> cache.statistics().lease().held());
    await().atMost(Cluster.PATIENCE).until(() -> {
      long hits = cache.statistics().l1Hits();
      cache.get("k");
      return cache.statistics().l1Hits() > hits;
    });
  }
}
