package dev.strata.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog on an Open Liberty server of its own with warming on ({@code catalog.warm=true}, as
 * the sample runs; {@code strata.cache.products.warm.required=true} from the WAR): readiness is UP
 * only once cache {@code products} is warm, and from then on the first read of a product is a cache
 * hit, not a database read.
 */
class WarmingIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static LibertyServer server;

  @BeforeAll
  static void startServer() {
    String httpPort = System.getProperty("it.warming.http.port");
    server = LibertyServer.create("warming", Integer.parseInt(httpPort), List.of(
        "http.port=" + httpPort,
        "https.port=" + System.getProperty("it.warming.https.port"),
        "strata.hazelcast.cluster-name=strata-it-warming",
        "strata.hazelcast.port=" + System.getProperty("it.warming.hazelcast.port"),
        "catalog.warm=true"));
    server.start().awaitReady("the catalog ready on the warming server", DEADLINE);
  }

  @AfterAll
  static void stopServer() {
    LibertyServer.closeAll(server);
  }

  @Test
  void healthReady_afterStartup_isUpOnlyOnceTheCatalogIsWarm() {
    Http.Response ready = server.http().get("/health/ready");

    assertThat(ready.body()).contains("\"name\":\"strata\"").contains("\"status\":\"UP\"").doesNotContain("warming");
    // readiness turned UP after the warming finished, so its line is in the log already
    assertThat(server.log()).as("messages.log").contains("Cache 'products' is warm: 200 entries");
  }

  @Test
  void get_firstReadAfterStartup_isACacheHitNotADatabaseRead() {
    Http http = server.http();
    long readsBefore = http.productReads();
    long hitsBefore = productHits(http);

    Http.Response product = http.get("/api/products/7");

    assertThat(product.status()).isEqualTo(200);
    assertThat(product.text("name")).isEqualTo("Product 7");
    assertThat(product.number("reviews")).isEqualTo(1000);
    assertThat(http.productReads()).as("database product reads").isEqualTo(readsBefore);
    assertThat(productHits(http)).as("hits of cache products").isGreaterThan(hitsBefore);
  }

  /** @return the L1 and L2 hits of cache {@code products} in {@code /api/cache-stats} */
  private static long productHits(Http http) {
    String body = http.get("/api/cache-stats").body();
    int products = body.indexOf("\"products\"");
    assertThat(products).as("cache products in " + body).isNotNegative();
    Http.Response figures = new Http.Response(200, body.substring(products));
    return figures.number("l1Hits") + figures.number("l2Hits");
  }
}
