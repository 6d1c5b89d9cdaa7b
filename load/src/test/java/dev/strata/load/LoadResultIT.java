package dev.strata.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The verdict on the load run Gatling just made (CatalogLoad): every request answered outside the
 * window of the kill and the reconnect, no read staler than max-staleness, and every written product
 * the same on both servers as in the database at the end. details.txt beside the summary lists the
 * first offenders.
 */
class LoadResultIT {

  @Test
  void loadRun_throughAKill_hasNoErrorsOutsideTheWindow_noStaleRead_andConverges() throws IOException {
    Path dir = Path.of(System.getProperty("load.results")).resolve(System.getProperty("load.provider"));
    Properties summary = new Properties();
    try (var in = Files.newBufferedReader(dir.resolve("summary.properties"))) {
      summary.load(in);
    }
    String details = Files.readString(dir.resolve("details.txt"));
    assertThat(Long.parseLong(summary.getProperty("ok"))).as("requests answered").isGreaterThan(1_000);
    assertThat(summary.getProperty("errorsOutsideKillWindow")).as("errors outside the kill window; " + details)
        .isEqualTo("0");
    assertThat(summary.getProperty("staleReads")).as("reads staler than max-staleness; " + details).isEqualTo("0");
    assertThat(summary.getProperty("divergedKeys")).as("products that differ from the database; " + details)
        .isEqualTo("0");
  }
}
