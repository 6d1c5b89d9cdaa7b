package dev.strata.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management REST API and the catalog's bad-input answers on the sample's own server
 * configuration (server-config/liberty: its users admin and monitor, and the role binding of its
 * {@code <webApplication>}, which a server deploying the archive itself could not carry). Each test
 * uses its own products, so the order of tests does not matter.
 */
class ManagementIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static LibertyServer server;
  private static Http anonymous;
  private static Http admin;
  private static Http monitor;

  @BeforeAll
  static void startServer() {
    String httpPort = System.getProperty("it.management.http.port");
    server = LibertyServer.create("management", Integer.parseInt(httpPort), LibertyServer.ownCluster(httpPort,
        System.getProperty("it.management.https.port"), "strata-it-management",
        System.getProperty("it.management.hazelcast.port")));
    server.start();
    anonymous = server.http();
    admin = anonymous.as("admin", "admin");
    monitor = anonymous.as("monitor", "monitor");
    await("the catalog ready on the management server").atMost(DEADLINE).pollInterval(Duration.ofSeconds(1))
        .until(() -> anonymous.get("/health/ready").status() == 200);
    // the products cache exists once the catalog has used it
    assertThat(anonymous.get("/api/products/40").status()).isEqualTo(200);
  }

  @AfterAll
  static void stopServer() {
    LibertyServer.closeAll(server);
  }

  @Test
  void read_withoutCredentials_is401() {
    assertThat(anonymous.get("/strata/caches").status()).isEqualTo(401);
  }

  @Test
  void read_asMonitor_listsTheCachesWithTheirFigures() {
    Http.Response caches = monitor.get("/strata/caches");

    assertThat(caches.status()).as(caches.body()).isEqualTo(200);
    assertThat(caches.body()).contains("\"name\":\"products\"", "\"l1\":", "\"l2\":", "\"hitRatio\":");
  }

  @Test
  void clear_asMonitor_is403() {
    assertThat(monitor.post("/strata/caches/products/clear", "").status()).isEqualTo(403);
  }

  @Test
  void clear_asAdmin_nextReadGoesToTheDatabase() {
    anonymous.get("/api/products/41");
    long cached = anonymous.productReads();
    assertThat(anonymous.get("/api/products/41").status()).isEqualTo(200);
    assertThat(anonymous.productReads()).as("product 41 is served from the cache").isEqualTo(cached);

    Http.Response clear = admin.post("/strata/caches/products/clear", "");

    assertThat(clear.status()).as(clear.body()).isEqualTo(200);
    assertThat(clear.number("entriesBeforeClear")).isPositive();
    assertThat(anonymous.get("/api/products/41").status()).isEqualTo(200);
    assertThat(anonymous.productReads()).isEqualTo(cached + 1);
    await("the audit line in the server log").atMost(Duration.ofSeconds(10))
        .until(() -> server.log().contains("Strata management change: user=admin action=\"POST /strata/caches/{name}/clear\" cache=products"));
  }

  @Test
  void invalidate_keyOfTheProductsCache_nextReadOfThatProductGoesToTheDatabase() {
    anonymous.get("/api/products/42");
    long cached = anonymous.productReads();

    Http.Response invalidate = admin.post("/strata/caches/products/invalidate", "{\"keys\": [42]}");

    assertThat(invalidate.status()).as(invalidate.body()).isEqualTo(200);
    assertThat(invalidate.number("removed")).isEqualTo(1);
    anonymous.get("/api/products/42");
    assertThat(anonymous.productReads()).isEqualTo(cached + 1);
  }

  @Test
  void cache_unknown_is404NamingItAndTheKnownCaches() {
    Http.Response unknown = admin.get("/strata/caches/prodcuts");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text("error")).contains("No cache 'prodcuts'", "products");
    assertThat(unknown.number("status")).isEqualTo(404);
  }

  @Test
  void invalidate_malformedBody_is400WithTheParsersMessage() {
    Http.Response malformed = admin.post("/strata/caches/products/invalidate", "{\"keys\": [42");

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.text("error")).contains("Malformed JSON body");
  }

  @Test
  void wrongMethod_is405() {
    assertThat(admin.put("/strata/caches/products/clear", "{}").status()).isEqualTo(405);
  }

  @Test
  void selfTest_asAdmin_passesThroughBothTiers() {
    Http.Response selfTest = admin.post("/strata/self-test", "");

    assertThat(selfTest.status()).as(selfTest.body()).isEqualTo(200);
    assertThat(selfTest.body()).contains("\"ok\":true", "\"read-l2\"", "\"read-l1\"");
  }

  @Test
  void putProduct_malformedJson_is400WithAMessage() {
    Http.Response malformed = anonymous.put("/api/products/7", "{\"name\": \"Seven\", \"price\": ");

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.text("error")).startsWith("Malformed JSON body");
    assertThat(malformed.number("status")).isEqualTo(400);
  }

  @Test
  void putProduct_missingPrice_is400SayingWhatToSend() {
    Http.Response missing = anonymous.put("/api/products/7", "{\"name\": \"Seven\"}");

    assertThat(missing.status()).isEqualTo(400);
    // the message quotes the JSON to send, so it is read from the body as is
    assertThat(missing.body()).contains("\"error\":", "non-negative price", "\"status\":400");
  }

  @Test
  void getProduct_unknown_is404WithAMessage() {
    Http.Response unknown = anonymous.get("/api/products/99999");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text("error")).isEqualTo("No product 99999");
  }
}
