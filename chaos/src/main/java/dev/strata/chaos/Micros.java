package dev.strata.chaos;

import java.time.Instant;

/**
 * The wall clock in epoch microseconds, the time base of every history line. All JVMs of a run
 * share one machine and so one clock; the checker allows {@link HistoryChecker#EPSILON_MICROS}
 * for its granularity. Stateless.
 */
final class Micros {

  private Micros() {
  }

  /** @return the current wall-clock time in microseconds since the epoch */
  static long now() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
