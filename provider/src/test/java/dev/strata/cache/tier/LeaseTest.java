package dev.strata.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The lease's reasoning, one partition event at a time, with the members' answers written by hand:
 * when it renews, when it empties L1, and that it is judged against the instant the caller read.
 */
class LeaseTest {

  private static final Duration BOUND = Duration.ofSeconds(1);
  private static final long SECOND = 1_000_000_000L;
  private static final int PARTITIONS = 3;

  private final UUID u0 = UUID.randomUUID();
  private final UUID u1 = UUID.randomUUID();
  private final UUID u2 = UUID.randomUUID();
  private final List<Lease.Cause> drops = new ArrayList<>();
  private final Lease.Repair repair = drops::add;

  private UUID[] uuids() {
    return new UUID[] {u0, u1, u2};
  }

  private static long[] sequences(long... sequences) {
    return sequences;
  }

  /** A lease whose first reconciliation (t0 = 0) adopted sequences 5, 5, 5. */
  private Lease adopted() {
    Lease lease = Lease.streamed(BOUND, PARTITIONS);
    assertThat(lease.reconcile(sequences(5, 5, 5), uuids(), 0, repair)).isTrue();
    drops.clear();
    return lease;
  }

  @Test
  void holds_neverRenewed_isFalse() {
    Lease lease = Lease.streamed(BOUND, PARTITIONS);
    assertThat(lease.holds(0)).isFalse();
    assertThat(lease.holds(Long.MAX_VALUE)).isFalse();
    assertThat(lease.holds(Long.MIN_VALUE + 1)).isFalse();
  }

  @Test
  void reconcile_first_adoptsTheNumbersEmptiesL1AndRenewsFromTheRequest() {
    Lease lease = Lease.streamed(BOUND, PARTITIONS);

    assertThat(lease.reconcile(sequences(3, 0, 9), uuids(), 10, repair)).isTrue();

    assertThat(drops).containsExactly(Lease.Cause.CLUSTER);
    assertThat(lease.holds(10 + SECOND - 1)).isTrue();
    assertThat(lease.holds(10 + SECOND)).as("max-staleness after the request was sent").isFalse();
  }

  @Test
  void reconcile_everyInvalidationApplied_renews() {
    Lease lease = adopted();
    lease.invalidated(1, u1, 6, repair);
    lease.invalidated(1, u1, 7, repair);

    assertThat(lease.reconcile(sequences(5, 7, 5), uuids(), 2 * SECOND, repair)).isTrue();

    assertThat(drops).isEmpty();
    assertThat(lease.holds(3 * SECOND - 1)).isTrue();
    assertThat(lease.renewals()).isEqualTo(2);
  }

  @Test
  void reconcile_invalidationsOnTheirWay_renewFromThePreviousRoundThenCountLate() {
    Lease lease = adopted();

    assertThat(lease.reconcile(sequences(5, 6, 5), uuids(), SECOND / 2, repair))
        .as("6 on its way: renewed from the previous round, whose numbers all arrived").isTrue();
    assertThat(drops).isEmpty();
    assertThat(lease.holds(SECOND - 1)).as("still the previous round's deadline").isTrue();
    assertThat(lease.holds(SECOND)).isFalse();

    assertThat(lease.reconcile(sequences(5, 6, 5), uuids(), SECOND, repair)).as("6 never came").isTrue();
    assertThat(drops).containsExactly(Lease.Cause.LATE);
    assertThat(lease.lapses(Lease.Cause.LATE)).isEqualTo(1);
    assertThat(lease.holds(2 * SECOND - 1)).isTrue();
  }

  @Test
  void reconcile_invalidationArrivesBeforeTheNextRound_renewsWithoutDropping() {
    Lease lease = adopted();
    lease.reconcile(sequences(5, 6, 5), uuids(), SECOND / 2, repair);

    lease.invalidated(1, u1, 6, repair);

    assertThat(lease.reconcile(sequences(5, 6, 5), uuids(), SECOND, repair)).isTrue();
    assertThat(drops).isEmpty();
    assertThat(lease.holds(2 * SECOND - 1)).isTrue();
  }

  /** Under steady writes every round finds new numbers on their way: none of it is late, and the lease keeps renewing. */
  @Test
  void reconcile_steadyWrites_renewFromThePreviousRoundWithoutDropping() {
    Lease lease = adopted();
    assertThat(lease.reconcile(sequences(5, 6, 5), uuids(), SECOND / 4, repair)).isTrue();
    lease.invalidated(1, u1, 6, repair);
    assertThat(lease.reconcile(sequences(5, 7, 5), uuids(), SECOND / 2, repair)).as("renewed from the round at 1/4 s").isTrue();
    assertThat(lease.holds(SECOND / 4 + SECOND - 1)).isTrue();
    assertThat(lease.holds(SECOND / 4 + SECOND)).isFalse();
    lease.invalidated(1, u1, 7, repair);
    lease.invalidated(1, u1, 8, repair);

    assertThat(lease.reconcile(sequences(5, 8, 5), uuids(), 3 * SECOND / 4, repair)).isTrue();
    assertThat(lease.holds(3 * SECOND / 4 + SECOND - 1)).isTrue();
    assertThat(drops).isEmpty();
  }

  @Test
  void invalidated_gapInAPartition_emptiesL1AtOnce() {
    Lease lease = adopted();

    lease.invalidated(2, u2, 8, repair);

    assertThat(drops).containsExactly(Lease.Cause.GAP);
    assertThat(lease.reconcile(sequences(5, 5, 8), uuids(), SECOND, repair)).as("8 adopted").isTrue();
  }

  @Test
  void invalidated_newPartitionUuid_emptiesL1() {
    Lease lease = adopted();
    UUID moved = UUID.randomUUID();

    lease.invalidated(0, moved, 1, repair);

    assertThat(drops).containsExactly(Lease.Cause.PARTITION);
    UUID[] now = uuids();
    now[0] = moved;
    assertThat(lease.reconcile(sequences(1, 5, 5), now, SECOND, repair)).isTrue();
    assertThat(drops).containsExactly(Lease.Cause.PARTITION);
  }

  @Test
  void invalidated_oldOrRepeatedNumber_changesNothing() {
    Lease lease = adopted();

    lease.invalidated(0, u0, 5, repair);
    lease.invalidated(0, u0, 3, repair);

    assertThat(drops).isEmpty();
    assertThat(lease.reconcile(sequences(5, 5, 5), uuids(), SECOND, repair)).isTrue();
  }

  @Test
  void reconcile_partitionNobodyAnswersFor_doesNotRenew() {
    Lease lease = adopted();
    UUID[] partial = uuids();
    partial[2] = null;

    assertThat(lease.reconcile(sequences(5, 5, -1), partial, SECOND, repair)).isFalse();
    assertThat(lease.holds(SECOND)).isFalse();
  }

  @Test
  void reset_clusterChanged_lapsesAtOnceAndTheNextRoundAdoptsAnew() {
    Lease lease = adopted();

    lease.reset();

    assertThat(lease.holds(1)).isFalse();
    assertThat(lease.reconcile(sequences(7, 7, 7), uuids(), SECOND, repair)).isTrue();
    assertThat(drops).containsExactly(Lease.Cause.CLUSTER);
    assertThat(lease.holds(SECOND + 1)).isTrue();
  }

  @Test
  void holds_stallPastTheDeadline_isFalseOnTheFirstReadAfterIt() {
    Lease lease = adopted();
    // a renewal asked at 0 runs to 1 s; a read after a stall of 5 s finds it lapsed with no other thread running
    assertThat(lease.holds(5 * SECOND)).isFalse();
    assertThat(lease.ageNanos(5 * SECOND)).isEqualTo(5 * SECOND);
  }

  @Test
  void perEntry_alwaysHolds_andBoundsEachEntryFromItsRead() {
    Lease lease = Lease.perEntry(BOUND);

    assertThat(lease.streamed()).isFalse();
    assertThat(lease.holds(Long.MAX_VALUE)).isTrue();
    assertThat(lease.serveUntil(100, Long.MAX_VALUE)).isEqualTo(100 + SECOND);
    assertThat(lease.serveUntil(100, 50)).isEqualTo(50);
    assertThat(Lease.streamed(BOUND, 1).serveUntil(100, Long.MAX_VALUE)).as("a streamed lease leaves entries to their expiry")
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Arrays.stream(Lease.Cause.values()).mapToLong(lease::lapses).sum()).isZero();
  }
}
