package dev.strata.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog on an Open Liberty server with MicroProfile Telemetry 2.1 and no MicroProfile Metrics
 * (server-config/telemetry): the application still runs, and Strata's cache metrics leave through
 * OpenTelemetry, here its logging exporter, which writes every collected metric to messages.log.
 */
class TelemetryIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  /** A line of the logging exporter: one metric of Strata's meter, with all its points. */
  private static final String STRATA_METRIC = "InstrumentationScopeInfo\\{name=dev\\.strata\\.cache, version=[^,]+,.*, name=";
  private static LibertyServer server;

  @BeforeAll
  static void startServer() {
    String httpPort = System.getProperty("it.telemetry.http.port");
    server = LibertyServer.create("telemetry", "telemetry", Integer.parseInt(httpPort), LibertyServer.ownCluster(httpPort,
        System.getProperty("it.telemetry.https.port"), "strata-it-telemetry",
        System.getProperty("it.telemetry.hazelcast.port")));
    server.start().awaitReady("the catalog ready on the telemetry server", DEADLINE);
  }

  @AfterAll
  static void stopServer() {
    LibertyServer.closeAll(server);
  }

  @Test
  void catalogReads_withoutMicroProfileMetrics_exportCacheAndStrataMetricsThroughOpenTelemetry() {
    Http http = server.http();
    for (int i = 0; i < 3; i++) {
      assertThat(http.get("/api/products/7").text("name")).isEqualTo("Product 7");
    }
    assertThat(http.get("/api/products/8").status()).isEqualTo(200);

    // MicroProfile Metrics is not there: its endpoint is not either
    assertThat(http.get("/metrics").status()).isEqualTo(404);
    Pattern hits = Pattern.compile(STRATA_METRIC + "cache\\.gets,.*attributes=\\{cache=\"products\", result=\"hit\", tier=\"l[12]\"\\}, value=[1-9]");
    Pattern misses = Pattern.compile(STRATA_METRIC + "cache\\.gets,.*attributes=\\{cache=\"products\", result=\"miss\"\\}, value=[1-9]");
    Pattern puts = Pattern.compile(STRATA_METRIC + "cache\\.puts,.*attributes=\\{cache=\"products\"\\}, value=[1-9]");
    Pattern l1Size = Pattern.compile(STRATA_METRIC + "strata\\.cache\\.l1\\.size,.*attributes=\\{cache=\"products\"\\}");
    Pattern invalidations = Pattern.compile(STRATA_METRIC + "strata\\.cache\\.invalidations,.*attributes=\\{cache=\"products\"\\}");
    await("Strata's metrics in messages.log").atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> {
      String log = server.log();
      return List.of(hits, misses, puts, l1Size, invalidations).stream().allMatch(pattern -> pattern.matcher(log).find());
    });
    assertThat(server.log()).as("messages.log").contains("Strata publishes cache metrics through MicroProfile Telemetry");
  }
}
