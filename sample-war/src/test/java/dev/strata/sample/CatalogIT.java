package dev.strata.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The catalog on one Open Liberty server (managed by Arquillian), with Strata's embedded member.
 * Cache hits are told from database reads by the application's own read counters, never by timing.
 * Each test uses its own products, so the order of tests does not matter.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CatalogIT {

  @Deployment(testable = false)
  static WebArchive catalog() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("sample.war")));
  }

  @ArquillianResource
  URL base;

  private Http http;
  private Http server;

  @BeforeEach
  void client() {
    http = new Http(base.toExternalForm());
    server = new Http(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort());
  }

  @Test
  void get_secondRead_isServedFromTheCacheNotTheDatabase() {
    long before = http.productReads();

    Http.Response first = http.get("/api/products/11");
    Http.Response second = http.get("/api/products/11");

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(first.text("name")).isEqualTo("Product 11");
    assertThat(first.number("reviews")).isEqualTo(1000);
    assertThat(http.productReads() - before).isEqualTo(1);
  }

  @Test
  void put_changesProduct_nextReadSeesNewValueFromTheCache() {
    http.get("/api/products/12");
    long before = http.productReads();

    Http.Response put = http.put("/api/products/12", "{\"name\":\"Renamed 12\",\"price\":12.50}");
    Http.Response read = http.get("/api/products/12");

    assertThat(put.status()).isEqualTo(200);
    assertThat(read.text("name")).isEqualTo("Renamed 12");
    assertThat(read.body()).contains("12.5");
    // @CachePut stored the new product: the read did not go to the database
    assertThat(http.productReads() - before).isZero();
  }

  @Test
  void delete_removesProduct_nextReadIsNotFound() {
    assertThat(http.get("/api/products/13").status()).isEqualTo(200);

    assertThat(http.delete("/api/products/13").status()).isEqualTo(200);

    assertThat(http.get("/api/products/13").status()).isEqualTo(404);
  }

  @Test
  void importProducts_dropsEveryCachedProduct_nextReadsGoToTheDatabase() {
    http.get("/api/products/14");
    http.get("/api/products/15");
    long before = http.productReads();

    Http.Response imported = http.post("/api/products/import",
        "[{\"id\":14,\"name\":\"Imported 14\",\"price\":1.00},{\"id\":201,\"name\":\"New 201\",\"price\":2.00}]");

    assertThat(imported.number("imported")).isEqualTo(2);
    assertThat(http.get("/api/products/14").text("name")).isEqualTo("Imported 14");
    assertThat(http.get("/api/products/15").text("name")).isEqualTo("Product 15");
    assertThat(http.get("/api/products/201").text("name")).isEqualTo("New 201");
    assertThat(http.productReads() - before).isEqualTo(3);
  }

  @Test
  void stock_ttlFromMicroProfileConfig_expiresTheCachedValue() {
    assertThat(http.put("/api/products/16/stock", "{\"stock\":5}").status()).isEqualTo(200);
    assertThat(http.get("/api/products/16/stock").number("stock")).isEqualTo(5);
    long reads = http.stockReads();

    // the warehouse changes the stock in the database, behind the cache
    http.put("/api/products/16/stock", "{\"stock\":7}");

    assertThat(http.get("/api/products/16/stock").number("stock")).isEqualTo(5);
    assertThat(http.stockReads()).isEqualTo(reads);
    // strata.cache.stock.ttl=PT2S in microprofile-config.properties
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
        .until(() -> http.get("/api/products/16/stock").number("stock") == 7);
    assertThat(http.stockReads()).isGreaterThan(reads);
  }

  @Test
  void metrics_afterReads_showStrataMetricsTaggedWithTheCache() {
    http.get("/api/products/17");
    http.get("/api/products/17");

    Http.Response metrics = server.get("/metrics?scope=application");

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .containsPattern("strata_cache_hits[^\\n]*cache=\"products\"[^\\n]*tier=\"l1\"")
        .containsPattern("strata_cache_misses[^\\n]*cache=\"products\"")
        .containsPattern("strata_cache_get_seconds_count[^\\n]*cache=\"products\"")
        .containsPattern("strata_cache_l1_size[^\\n]*cache=\"products\"")
        .containsPattern("strata_cache_l1_stale_refused[^\\n]*cache=\"products\"")
        .containsPattern("strata_cache_l1_cluster_drops[^\\n]*cache=\"products\"")
        .containsPattern("strata_cache_invalidation_lag[^\\n]*cache=\"products\"")
        .containsPattern("strata_cache_rejected_payloads[^\\n]*cache=\"products\"");
  }

  @Test
  void healthReady_strataCheck_isUp() {
    await().atMost(Duration.ofSeconds(30)).until(() -> server.get("/health/ready").status() == 200);

    Http.Response ready = server.get("/health/ready");

    assertThat(ready.body()).contains("\"name\":\"strata\"").contains("\"status\":\"UP\"").contains("\"clusterState\":\"ACTIVE\"");
  }
}
