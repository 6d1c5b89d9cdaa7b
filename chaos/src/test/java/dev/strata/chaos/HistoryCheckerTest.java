package dev.strata.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker's rules on small hand-made histories: each violation is caught, and nothing else. */
class HistoryCheckerTest {

  private static final long MS = 1_000;
  private static final Duration BOUND = Duration.ofSeconds(1);
  private static final List<Window> PHASES = List.of(new Window("steady", 0, 100_000 * MS));
  private static final long NO_FINAL = Long.MAX_VALUE;

  private static HistoryChecker checker(List<Window> splits, long finalFrom) {
    return new HistoryChecker(BOUND, PHASES, splits, finalFrom);
  }

  @Test
  void read_olderThanTheBoundAfterANewerAck_isAStalenessViolation() {
    HistoryChecker checker = checker(List.of(), NO_FINAL);
    checker.write("m1", 0, "k", 1, 10 * MS);
    checker.write("m1", 0, "k", 2, 1_000 * MS);

    checker.read("m2", 0, "k", 1, 2_250 * MS, 2_251 * MS);

    Report report = checker.report();
    assertThat(report.stale().count()).isEqualTo(1);
    assertThat(report.stale().worstUs()).isEqualTo(250 * MS);
    assertThat(report.violations()).isEqualTo(1);
    assertThat(report.staleByPhase()).containsExactly(java.util.Map.entry("steady", 1L));
    assertThat(report.render()).contains("by the phase of the read: steady 1");
  }

  @Test
  void read_ofAnOldValueWithinTheBoundOrItsEpsilon_isNoViolation() {
    HistoryChecker checker = checker(List.of(), NO_FINAL);
    checker.write("m1", 0, "k", 1, 10 * MS);
    checker.write("m1", 0, "k", 2, 1_000 * MS);

    checker.read("m2", 0, "k", 1, 1_999 * MS, 1_999 * MS);
    checker.read("m2", 0, "k", 1, 2_000 * MS + HistoryChecker.EPSILON_MICROS, 2_002 * MS);
    checker.read("m2", 0, "k", 2, 9_000 * MS, 9_001 * MS);

    assertThat(checker.report().violations()).isZero();
  }

  @Test
  void read_ofNothingLongAfterAnAck_isAStalenessViolation() {
    HistoryChecker checker = checker(List.of(), NO_FINAL);
    checker.write("m1", 0, "k", 1, 10 * MS);

    checker.read("c1", 0, "k", 0, 5_000 * MS, 5_001 * MS);

    assertThat(checker.report().stale().count()).isEqualTo(1);
  }

  @Test
  void staleRead_thatStartedInASplitWindow_isReportedApart() {
    HistoryChecker checker = checker(List.of(new Window("split", 1_500 * MS, 4_000 * MS)), NO_FINAL);
    checker.write("m1", 0, "k", 1, 10 * MS);
    checker.write("m1", 0, "k", 2, 1_000 * MS);

    checker.read("m3", 0, "k", 1, 3_000 * MS, 3_001 * MS);
    checker.read("m3", 0, "k", 1, 4_500 * MS, 4_501 * MS);

    Report report = checker.report();
    assertThat(report.staleInSplit().count()).isEqualTo(1);
    assertThat(report.stale().count()).isEqualTo(1);
  }

  @Test
  void read_onTheWriterAfterItsOwnAck_ofAnOlderValue_isAReadYourWritesViolation() {
    HistoryChecker checker = checker(List.of(), NO_FINAL);
    checker.write("m1", 0, "k", 1, 10 * MS);
    checker.write("m1", 0, "k", 2, 100 * MS);

    checker.read("m1", 0, "k", 1, 101 * MS, 102 * MS);
    // another JVM may still see 1 within the bound
    checker.read("m2", 0, "k", 1, 101 * MS, 102 * MS);

    Report report = checker.report();
    assertThat(report.readYourWrites().count()).isEqualTo(1);
    assertThat(report.stale().count()).isZero();
  }

  @Test
  void read_onTheWriterBeforeItsAck_orInAnotherIncarnation_isNoReadYourWritesViolation() {
    HistoryChecker checker = checker(List.of(), NO_FINAL);
    checker.write("m1", 0, "k", 1, 10 * MS);
    checker.write("m1", 0, "k", 2, 100 * MS);

    checker.read("m1", 0, "k", 1, 99 * MS, 101 * MS);
    checker.read("m1", 1, "k", 1, 150 * MS, 151 * MS);

    assertThat(checker.report().readYourWrites().count()).isZero();
  }

  @Test
  void finalRead_belowTheLastAck_isALostWrite_unlessTheSplitDiscardedIt() {
    HistoryChecker checker = checker(List.of(new Window("split", 200 * MS, 400 * MS)), 10_000 * MS);
    checker.write("m1", 0, "k", 1, 10 * MS);
    checker.write("m1", 0, "k", 2, 100 * MS);
    checker.write("m3", 0, "j", 1, 10 * MS);
    checker.write("m3", 0, "j", 2, 300 * MS);

    checker.read("m2", 0, "k", 1, 10_000 * MS, 10_001 * MS);
    checker.read("m2", 0, "j", 1, 10_000 * MS, 10_001 * MS);
    checker.read("m1", 0, "k", 2, 10_000 * MS, 10_001 * MS);

    Report report = checker.report();
    assertThat(report.lost()).hasSize(1).first().asString().startsWith("m2 finally reads k=1");
    assertThat(report.discardedByMerge()).hasSize(1).first().asString().startsWith("m2 finally reads j=1");
    assertThat(report.missingFinal()).containsExactly("m1 j");
  }

  @Test
  void lag_isTheFirstReadOnAnotherNodeThatShowsTheWrite_perPhase() {
    HistoryChecker checker = new HistoryChecker(BOUND,
        List.of(new Window("steady", 0, 1_000 * MS), new Window("pause", 1_000 * MS, 9_000 * MS)), List.of(), NO_FINAL);
    checker.write("m1", 0, "k", 1, 100 * MS);
    checker.write("m1", 0, "k", 2, 200 * MS);
    checker.write("m1", 0, "k", 3, 2_000 * MS);

    checker.read("m2", 0, "k", 0, 101 * MS, 102 * MS);
    checker.read("m2", 0, "k", 1, 105 * MS, 110 * MS);
    checker.read("m2", 0, "k", 2, 300 * MS, 330 * MS);
    checker.read("m2", 0, "k", 3, 2_400 * MS, 2_500 * MS);
    checker.read("m2", 0, "k", 3, 2_500 * MS, 2_501 * MS);
    // the writer's own reads are no measure of invalidation
    checker.read("m1", 0, "k", 3, 2_001 * MS, 2_002 * MS);

    Report report = checker.report();
    assertThat(report.lagByPhase().get("steady")).isEqualTo(new Lag(2, 10 * MS, 130 * MS, 130 * MS, 130 * MS));
    assertThat(report.lagByPhase().get("pause")).isEqualTo(new Lag(1, 500 * MS, 500 * MS, 500 * MS, 500 * MS));
  }

  @Test
  void check_runFolder_readsEveryIncarnationAndSkipsALineAKillCutShort(@TempDir Path dir) throws IOException {
    long t = 1_796_000_000_000_000L;
    Files.writeString(dir.resolve("m1.0.log"), "W k 1 " + t + " " + (t + 1_000) + "\n"
        + "R k 1 " + (t + 2_000) + " " + (t + 2_100) + "\n"
        + "W k 2 " + (t + 3_000) + " " + String.valueOf(t + 3_500).substring(0, 9));
    Files.writeString(dir.resolve("m1.1.log"), "W k 1000001 " + (t + 5_000_000) + " " + (t + 5_001_000) + "\n"
        + "F k " + (t + 5_002_000) + " " + (t + 5_003_000) + "\n");
    Files.writeString(dir.resolve("c1.0.log"), "R k 1 " + (t + 4_000_000) + " " + (t + 4_000_100) + "\n"
        + "R k 1000001 " + (t + 9_000_000) + " " + (t + 9_000_100) + "\n");
    Files.writeString(dir.resolve("m1.status"), "member 3 true\n");

    Report report = HistoryChecker.check(dir, BOUND, List.of(new Window("steady", t, t + 10_000_000)), List.of(),
        t + 8_000_000);

    assertThat(report.ackedWrites()).as("the write cut short is not counted").isEqualTo(2);
    assertThat(report.reads()).isEqualTo(3);
    assertThat(report.failedReads()).isEqualTo(1);
    assertThat(report.stale().count()).as("c1 saw 1 three seconds after the kill, and nothing newer was acked").isZero();
    assertThat(report.missingFinal()).containsExactly("m1 k");
  }
}
