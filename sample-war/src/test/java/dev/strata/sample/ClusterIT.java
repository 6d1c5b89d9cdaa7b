package dev.strata.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Open Liberty servers on this machine, each with the catalog and an embedded Hazelcast
 * member, forming one cluster (TCP/IP join on 127.0.0.1, one cluster name, their own HTTP and
 * Hazelcast ports). Each server has its own in-memory catalog database, so a value one server
 * reads that it never wrote can only have come from the shared cache.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  /**
   * The products' staleness bound in this test: far longer than any wait below, so that a new value
   * can only reach the other server's L1 through its invalidation, never by the bound running out.
   */
  private static final String MAX_STALENESS = "PT10M";
  private static final Duration EMPTY_TTL = Duration.ofSeconds(3);
  private static final Duration DATABASE_LATENCY = Duration.ofMillis(200);
  private static LibertyServer a;
  private static LibertyServer b;

  @BeforeAll
  static void startTwoServers() {
    String[] http = System.getProperty("it.pair.http.ports").split(",");
    String[] hazelcast = System.getProperty("it.pair.hazelcast.ports").split(",");
    String members = "127.0.0.1:" + hazelcast[0] + ",127.0.0.1:" + hazelcast[1];
    a = LibertyServer.create("pair-a", Integer.parseInt(http[0]), bootstrap(http[0], hazelcast[0], members, 9643));
    b = LibertyServer.create("pair-b", Integer.parseInt(http[1]), bootstrap(http[1], hazelcast[1], members, 9644));
    a.start();
    b.start();
    for (LibertyServer server : List.of(a, b)) {
      await("server with a two-member cluster").atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> {
        Http.Response ready = server.http().get("/health/ready");
        return ready.status() == 200 && ready.body().contains("\"members\":2");
      });
    }
  }

  private static List<String> bootstrap(String httpPort, String hazelcastPort, String members, int httpsPort) {
    List<String> lines = new ArrayList<>();
    lines.add("http.port=" + httpPort);
    lines.add("https.port=" + httpsPort);
    lines.add("strata.hazelcast.cluster-name=strata-it-pair");
    lines.add("strata.hazelcast.port=" + hazelcastPort);
    lines.add("strata.hazelcast.members=" + members);
    lines.add("strata.hazelcast.start=eager");
    lines.add("strata.cache.products.max-staleness=" + MAX_STALENESS);
    // the credits rule in seconds rather than minutes: 20 s, 3 s while the balance is 0, refreshed after 1 s
    lines.add("credits.ttl=PT20S");
    lines.add("credits.empty-ttl=" + EMPTY_TTL);
    lines.add("strata.cache.credits.refresh-after=PT1S");
    lines.add("credits.database-latency=" + DATABASE_LATENCY);
    // products 201 to 300 are read only once the first requests are over: the same requests, warm
    lines.add("catalog.products=300");
    return lines;
  }

  @AfterAll
  static void stopServers() {
    LibertyServer.closeAll(a, b);
  }

  /**
   * The first requests after a deploy: 100 product reads on A, each a miss (read, lease, the
   * database, write), then the same 100 on B, each B's first read of that product (an L2 hit).
   * Reports the time each spent on the server outside the database (Server-Timing), which
   * docs/first-request.md records; the database time is what the cache cannot save on a miss.
   */
  @Test
  @Order(0)
  void firstRequests_afterTheServersStarted_reportTheirTimeOutsideTheDatabase() throws Exception {
    List<String> lines = new ArrayList<>();
    for (LibertyServer server : List.of(a, b)) {
      Http http = server.http();
      List<Double> outside = new ArrayList<>();
      List<Double> cache = new ArrayList<>();
      double database = 0;
      for (int id = 101; id <= 200; id++) {
        Http.Response product = http.get("/api/products/" + id);
        assertThat(product.status()).isEqualTo(200);
        assertThat(product.text("name")).isEqualTo("Product " + id);
        outside.add(product.serverTime("app"));
        cache.add(product.serverTime("cache"));
        database += product.serverTime("db");
      }
      lines.add(String.format(java.util.Locale.ROOT, "%s first 100 product reads outside the database: p50 %.2f ms,"
          + " p99 %.2f ms, max %.2f ms; in the cache: p50 %.2f ms, p99 %.2f ms; database %.1f ms in all",
          server == a ? "A (misses)" : "B (L2 hits)", percentile(outside, 0.50), percentile(outside, 0.99),
          percentile(outside, 1.0), percentile(cache, 0.50), percentile(cache, 0.99), database));
    }
    Http http = a.http();
    List<Double> warm = new ArrayList<>();
    for (int id = 201; id <= 300; id++) {
      warm.add(http.get("/api/products/" + id).serverTime("app"));
    }
    lines.add(String.format(java.util.Locale.ROOT, "A (misses) next 100 product reads outside the database: p50 %.2f ms,"
        + " p99 %.2f ms, max %.2f ms", percentile(warm, 0.50), percentile(warm, 0.99), percentile(warm, 1.0)));
    lines.forEach(System.out::println);
    java.nio.file.Files.write(java.nio.file.Path.of("target", "first-requests.txt"), lines);
    assertThat(a.http().productReads()).as("A read each product from its database once").isEqualTo(200);
    assertThat(b.http().productReads()).as("B found each product in the cluster's cache").isZero();
    // the page's figures: the products cache's get latency as p50 and p99
    Http.Response stats = a.http().get("/api/cache-stats");
    assertThat(stats.number("getP50Micros")).as("p50 of A's product gets, µs").isPositive();
    assertThat(stats.number("getP99Micros")).isGreaterThanOrEqualTo(stats.number("getP50Micros"));
  }

  private static double percentile(List<Double> values, double quantile) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.ceil(quantile * sorted.size()) - 1);
  }

  @Test
  @Order(1)
  void get_onB_afterPutOnA_returnsTheNewValueOnceTheInvalidationArrives() {
    Http onA = a.http();
    Http onB = b.http();
    assertThat(onB.get("/api/products/31").text("name")).isEqualTo("Product 31");
    long l1HitsBefore = l1Hits(onB);
    assertThat(onB.get("/api/products/31").text("name")).isEqualTo("Product 31");
    assertThat(onB.get("/api/products/31").text("name")).isEqualTo("Product 31");
    assertThat(l1Hits(onB)).as("B serves product 31 from its L1").isGreaterThan(l1HitsBefore);
    long invalidationsBefore = invalidations(onB);

    assertThat(onA.put("/api/products/31", "{\"name\":\"Changed on A\",\"price\":31.00}").status()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> onB.get("/api/products/31").text("name").equals("Changed on A"));
    assertThat(invalidations(onB)).isGreaterThan(invalidationsBefore);
    // B's own database still holds the old name: the new one came through the cluster
    assertThat(onB.productReads()).isEqualTo(1);
    // on embedded members the bound is a lease on the invalidation stream: B's metrics show it, and the drop
    String metrics = onB.get("/metrics?scope=application").body();
    assertThat(metrics).as("B's metrics")
        .containsPattern("strata_cache_l1_drops\\{[^\\n]*cache=\"products\"[^\\n]*\\} [1-9]")
        .containsPattern("strata_cache_lease_age[^\\n]*\\{[^\\n]*cache=\"products\"[^\\n]*\\} [0-9]");
  }

  /**
   * A user's profile and invoices are cached on both servers, tagged with the user. The new plan
   * is first written to B's database alone, so that B's cache serves the old plan; then the plan
   * change on A invalidates the tag, and neither server may serve the old plan again.
   */
  @Test
  @Order(2)
  void changePlan_onA_invalidatesTheUsersEntriesInBothCachesOnBothServers() {
    Http onA = a.http();
    Http onB = b.http();
    for (Http server : List.of(onA, onB)) {
      Http.Response user = server.get("/api/users/42");
      assertThat(user.text("profile")).isEqualTo("user 42 on the basic plan");
      assertThat(user.text("invoices")).isEqualTo("invoices of user 42 at basic rates");
    }
    assertThat(onB.putText("/api/users/42/plan?cache=keep", "gold").status()).isEqualTo(200);
    assertThat(onB.get("/api/users/42").text("profile")).as("B's cache, before the invalidation")
        .isEqualTo("user 42 on the basic plan");
    Http.Response otherUser = onB.get("/api/users/7");

    assertThat(onA.putText("/api/users/42/plan", "gold").status()).isEqualTo(200);

    for (Http server : List.of(onA, onB)) {
      await("the gold plan on both caches of each server").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50)).until(() -> {
            Http.Response user = server.get("/api/users/42");
            return user.text("profile").equals("user 42 on the gold plan")
                && user.text("invoices").equals("invoices of user 42 at gold rates");
          });
    }
    long readsOnB = onB.get("/api/users/reads").number("reads");
    assertThat(onB.get("/api/users/7").body()).as("another user's entries stay cached").isEqualTo(otherUser.body());
    assertThat(onB.get("/api/users/reads").number("reads")).isEqualTo(readsOnB);
  }

  @Test
  @Order(3)
  void credits_liveLongerThanAnEmptyBalance_onBothServers() throws InterruptedException {
    Http onA = a.http();
    Http onB = b.http();
    assertThat(onA.get("/api/credits/new-ann").number("balance")).isZero();
    assertThat(onA.get("/api/credits/rich-bob").number("balance")).isEqualTo(100);
    // the billing system changes both balances, in both servers' databases, behind the cache
    for (Http server : List.of(onA, onB)) {
      assertThat(server.putText("/api/credits/new-ann/recorded", "50").status()).isEqualTo(200);
      assertThat(server.putText("/api/credits/rich-bob/recorded", "70").status()).isEqualTo(200);
    }
    assertThat(onB.get("/api/credits/new-ann").number("balance")).as("cached from A").isZero();

    TimeUnit.MILLISECONDS.sleep(EMPTY_TTL.plusMillis(500).toMillis());
    // an empty balance lived 3 s; 100 credits live 20 s and still serve (a refresh starts behind them)
    assertThat(onB.get("/api/credits/new-ann").number("balance")).isEqualTo(50);
    assertThat(onB.get("/api/credits/rich-bob").number("balance")).isEqualTo(100);
    assertThat(onA.putText("/api/credits/rich-bob/recorded", "not a number").body()).contains("rich-bob")
        .contains("not a number");
  }

  @Test
  @Order(4)
  void refreshAhead_acrossSeveralExpiries_noRequestWaitsForTheDatabase() throws InterruptedException {
    List<Http> servers = List.of(a.http(), b.http());
    for (Http server : servers) {
      server.get("/api/credits/new-hot");
    }
    long waitsBefore = servers.stream().mapToLong(s -> s.get("/api/credits/stats").number("requestWaits")).sum();
    long readsBefore = servers.stream().mapToLong(s -> s.get("/api/credits/stats").number("databaseReads")).sum();
    List<Long> micros = new ArrayList<>();
    long end = System.nanoTime() + EMPTY_TTL.multipliedBy(3).toNanos();
    while (System.nanoTime() < end) {
      for (Http server : servers) {
        long started = System.nanoTime();
        assertThat(server.get("/api/credits/new-hot").status()).isEqualTo(200);
        micros.add((System.nanoTime() - started) / 1_000);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    long waits = servers.stream().mapToLong(s -> s.get("/api/credits/stats").number("requestWaits")).sum() - waitsBefore;
    long reads = servers.stream().mapToLong(s -> s.get("/api/credits/stats").number("databaseReads")).sum() - readsBefore;
    micros.sort(null);
    System.out.printf("credits over 3 lifetimes of an empty balance: %d requests, p50 %d us, p99 %d us, max %d us, "
            + "%d database reads in the background, %d by requests (database latency %d ms)%n", micros.size(),
        micros.get(micros.size() / 2), micros.get(micros.size() * 99 / 100), micros.get(micros.size() - 1), reads,
        waits, DATABASE_LATENCY.toMillis());
    assertThat(waits).as("requests that waited for the database").isZero();
    // about one reload per second in the whole cluster, not one per server
    assertThat(reads).isBetween(3L, 3 * EMPTY_TTL.toSeconds() + 2);
  }

  @Test
  @Order(5)
  void stoppingA_leavesBServing_andNoCachedEntryIsLost() {
    Http onA = a.http();
    Http onB = b.http();
    List<Long> ids = new ArrayList<>();
    for (long id = 41; id <= 90; id++) {
      ids.add(id);
      assertThat(onA.get("/api/products/" + id).status()).isEqualTo(200);
    }
    onA.put("/api/products/41", "{\"name\":\"Only in the cache of B's cluster\",\"price\":41.00}");
    long readsOnB = onB.productReads();

    a.stop();

    await("B alone in its cluster").atMost(DEADLINE).until(() -> onB.get("/health/ready").body().contains("\"members\":1"));
    for (long id : ids) {
      Http.Response product = onB.get("/api/products/" + id);
      assertThat(product.status()).isEqualTo(200);
      assertThat(product.text("name")).isEqualTo(id == 41 ? "Only in the cache of B's cluster" : "Product " + id);
    }
    // every one of the 50 came from the cache (backups of A's partitions), none from B's database
    assertThat(onB.productReads()).isEqualTo(readsOnB);
  }

  private static long invalidations(Http server) {
    return server.get("/api/cache-stats").number("invalidationsReceived");
  }

  private static long l1Hits(Http server) {
    return server.get("/api/cache-stats").number("l1Hits");
  }
}
