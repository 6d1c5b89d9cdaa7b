package dev.strata.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The checker of the load run, on histories whose verdict is known. */
class HistoryTest {

  private static final double BOUND = 1_000;

  private static History.Op write(int key, double start, double end, String value) {
    return new History.Op(true, key, 0, start, end, true, value);
  }

  private static History.Op read(int key, double start, String value) {
    return new History.Op(false, key, 1, start, start + 5, true, value);
  }

  @Test
  void readOfAReplacedValue_pastTheBound_isStale() {
    History history = new History();
    history.add(write(7, 0, 10, "w1"));
    history.add(write(7, 20, 30, "w2"));
    history.add(read(7, 1_100, "w2"));
    history.add(read(7, 1_500, "w1"));

    assertThat(history.stale(BOUND)).singleElement().satisfies(violation -> {
      assertThat(violation.read().value()).isEqualTo("w1");
      assertThat(violation.replacedBy().value()).isEqualTo("w2");
    });
  }

  @Test
  void readOfAReplacedValue_withinTheBound_isNotStale() {
    History history = new History();
    history.add(write(7, 0, 10, "w1"));
    history.add(write(7, 20, 30, "w2"));
    history.add(read(7, 900, "w1"));

    assertThat(history.stale(BOUND)).isEmpty();
  }

  @Test
  void initialValue_afterAWriteLongAgo_isStale_andAValueNoWriteWrote_isAViolation() {
    History history = new History();
    history.add(write(3, 0, 10, "w1"));
    history.add(read(3, 5_000, "Product 3"));
    history.add(read(3, 5_000, "never written"));

    assertThat(history.stale(BOUND)).hasSize(2);
  }

  @Test
  void concurrentWrites_eitherValueMayWin() {
    History history = new History();
    history.add(write(5, 0, 50, "w1"));
    history.add(write(5, 10, 40, "w2"));
    history.add(read(5, 5_000, "w1"));
    history.add(read(5, 5_000, "w2"));

    assertThat(history.stale(BOUND)).isEmpty();
  }

  @Test
  void aFailedWrite_mayHaveHappened_andReplacesNothing() {
    History history = new History();
    history.add(write(9, 0, 10, "w1"));
    history.add(new History.Op(true, 9, 0, 20, 30, false, "w2"));
    history.add(read(9, 5_000, "w1"));
    history.add(read(9, 5_000, "w2"));

    assertThat(history.stale(BOUND)).isEmpty();
  }
}
