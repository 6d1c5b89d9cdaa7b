package dev.strata.cache.tier;

import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * The staleness bound of one cache's L1, held by a lease on the cache's invalidation stream instead
 * of a deadline per entry. Each partition's invalidations arrive in order, numbered by the member
 * that owns the partition, under the partition's UUID ({@link InvalidationStream}). The lease runs
 * to {@code t0 + max-staleness}, where {@code t0} is the monotonic instant a reconciliation was sent
 * whose answer showed this JVM had applied, for every partition, every invalidation numbered so far:
 * everything L2 committed before {@code t0} has then reached L1.
 *
 * <ul>
 *   <li>A gap in a partition's numbers, or a new UUID for it, means invalidations were lost or the
 *       partition moved: L1 is emptied (every reservation voided), and the numbers are adopted.
 *   <li>Numbers behind the members' at a reconciliation are invalidations on their way: the lease is
 *       renewed from the previous round instead, whose numbers have arrived. Numbers of the previous
 *       round still missing count as lost: L1 is emptied and the lease renewed from this round.
 *   <li>A cluster change ({@link #reset}) forgets every number: the next reconciliation adopts them
 *       and empties L1.
 * </ul>
 *
 * <p>{@link #holds} is a volatile read against a monotonic instant the caller read on its own
 * thread: a stalled JVM finds the lease lapsed on its first read after the stall, whatever its
 * background threads did. The per-entry variant ({@link #perEntry}) is the bound where there is no
 * numbered stream (client mode): each entry is served until {@code max-staleness} after its read.
 * Thread-safe.
 */
public final class Lease {

  /** Why L1 had to be emptied or the lease could not be renewed. */
  public enum Cause {
    /** A partition's invalidation numbers skipped: invalidations were lost. */
    GAP,
    /** A partition's UUID changed: it moved or was lost. */
    PARTITION,
    /** Invalidations numbered by the members had not arrived two reconciliations later. */
    LATE,
    /** The cluster changed (membership, migration, reconnect, merge): numbers start again. */
    CLUSTER,
    /** The members could not be asked for their numbers. */
    UNREACHABLE
  }

  /** How L1 is emptied when the lease finds it cannot vouch for what L1 holds. */
  public interface Repair {
    /** Empties L1: every entry, and every reservation taken so far; called before any renewal it allows. */
    void dropAll(Cause cause);
  }

  private static final long NONE = -1;
  /** The deadline of a lease never renewed, or reset: no instant is before it. */
  private static final long NEVER = Long.MIN_VALUE;

  private final long maxStalenessNanos;
  private final boolean streamed;
  private final long[] applied;
  private final UUID[] uuids;
  /** The numbers the previous round was answered, and when it was sent. */
  private final long[] previous;
  private long previousSent = NEVER;
  private volatile long deadline = NEVER;
  private volatile long renewedAt = NEVER;
  private final LongAdder[] lapses = new LongAdder[Cause.values().length];
  private final LongAdder renewals = new LongAdder();

  private Lease(java.time.Duration maxStaleness, boolean streamed, int partitions) {
    this.maxStalenessNanos = maxStaleness.toNanos();
    this.streamed = streamed;
    this.applied = new long[partitions];
    this.uuids = new UUID[partitions];
    this.previous = new long[partitions];
    Arrays.fill(applied, NONE);
    Arrays.fill(previous, NONE);
    for (int i = 0; i < lapses.length; i++) {
      lapses[i] = new LongAdder();
    }
  }

  /** A lease over a numbered invalidation stream of {@code partitions} partitions. */
  public static Lease streamed(java.time.Duration maxStaleness, int partitions) {
    return new Lease(maxStaleness, true, partitions);
  }

  /** The bound without a numbered stream: every entry is served until {@code max-staleness} after its read. */
  public static Lease perEntry(java.time.Duration maxStaleness) {
    return new Lease(maxStaleness, false, 0);
  }

  /** @return whether this lease is held on a numbered stream (else entries carry their own deadline) */
  public boolean streamed() {
    return streamed;
  }

  /**
   * @param nanos a monotonic instant read on the caller's thread
   * @return whether L1 may serve entries at {@code nanos}
   */
  public boolean holds(long nanos) {
    if (!streamed) {
      return true;
    }
    long until = deadline;
    return until != NEVER && nanos - until < 0;
  }

  /**
   * @return the monotonic instant until which an entry read at {@code startNanos} may be served,
   *     given its expiry: its expiry alone under a streamed lease, else also {@code max-staleness}
   *     after the read
   */
  public long serveUntil(long startNanos, long untilExpiry) {
    return streamed ? untilExpiry : Math.min(untilExpiry, Saturated.add(startNanos, maxStalenessNanos));
  }

  /**
   * An invalidation arrived for {@code partition}, numbered {@code sequence} under {@code uuid}.
   * The key itself is dropped by the caller, whatever this answers.
   */
  public synchronized void invalidated(int partition, UUID uuid, long sequence, Repair repair) {
    if (!streamed || partition < 0 || partition >= applied.length) {
      return;
    }
    if (uuids[partition] == null) {
      // numbers not adopted yet: the next reconciliation adopts them and empties L1
      return;
    }
    if (!uuids[partition].equals(uuid)) {
      adopt(partition, uuid, sequence, Cause.PARTITION, repair);
      return;
    }
    long expected = applied[partition] + 1;
    if (sequence == expected) {
      applied[partition] = sequence;
    } else if (sequence > expected) {
      adopt(partition, uuid, sequence, Cause.GAP, repair);
    }
  }

  /** Takes the stream's numbers for a partition as they are, after emptying L1 of what they could not vouch for. */
  private void adopt(int partition, UUID uuid, long sequence, Cause cause, Repair repair) {
    lapses[cause.ordinal()].increment();
    repair.dropAll(cause);
    uuids[partition] = uuid;
    applied[partition] = sequence;
    // the previous round's number was given under the old UUID, or before the gap: it vouches for nothing now
    previous[partition] = NONE;
  }

  /**
   * Reconciles with what the members answered to a request sent at {@code sentNanos}. Renews the
   * lease to {@code sentNanos + max-staleness} when every partition has applied the numbers answered;
   * under steady writes, when every partition has applied the numbers of the previous round, to that
   * round's instant plus {@code max-staleness}. Numbers of the previous round still missing are
   * counted late: L1 is emptied and the numbers adopted.
   *
   * @param sequences the members' current number per partition (index: partition id; {@code -1} for
   *     a partition nobody answered for)
   * @param partitionUuids the members' UUID per partition (null where nobody answered)
   * @return whether the lease was renewed
   */
  public synchronized boolean reconcile(long[] sequences, UUID[] partitionUuids, long sentNanos, Repair repair) {
    if (!streamed) {
      return true;
    }
    Cause dropped = null;
    boolean answered = true;
    boolean completeNow = true;
    boolean completeBefore = previousSent != NEVER;
    for (int p = 0; p < applied.length; p++) {
      UUID uuid = partitionUuids[p];
      if (uuid == null) {
        // no owner answered (a member left mid-round): nothing proves this partition complete
        answered = false;
        continue;
      }
      if (uuids[p] == null || !uuids[p].equals(uuid)) {
        dropped = dropped != null ? dropped : uuids[p] == null ? Cause.CLUSTER : Cause.PARTITION;
        uuids[p] = uuid;
        applied[p] = sequences[p];
      } else if (previous[p] != NONE && applied[p] < previous[p]) {
        // what the members had numbered a round ago has still not arrived: count it lost
        dropped = dropped != null ? dropped : Cause.LATE;
        applied[p] = Math.max(applied[p], sequences[p]);
      } else if (applied[p] < sequences[p]) {
        // on their way: the previous round's numbers may still vouch
        completeNow = false;
      }
      completeBefore &= previous[p] != NONE && applied[p] >= previous[p];
    }
    System.arraycopy(sequences, 0, previous, 0, previous.length);
    long before = previousSent;
    previousSent = sentNanos;
    if (dropped != null) {
      lapses[dropped.ordinal()].increment();
      // emptied after the request was sent: whatever L1 holds from now on was read after sentNanos
      repair.dropAll(dropped);
    }
    if (!answered) {
      return false;
    }
    if (dropped != null || completeNow) {
      renew(sentNanos);
      return true;
    }
    if (completeBefore) {
      renew(before);
      return true;
    }
    return false;
  }

  private void renew(long sentNanos) {
    long until = Saturated.add(sentNanos, maxStalenessNanos);
    if (deadline == NEVER || until - deadline > 0) {
      deadline = until;
      renewedAt = sentNanos;
    }
    renewals.increment();
  }

  /** The members could not be asked: the lease runs out on its own. */
  public void unreachable() {
    lapses[Cause.UNREACHABLE.ordinal()].increment();
  }

  /** The cluster changed: forget every number and let the lease run out; the next reconciliation adopts anew. */
  public synchronized void reset() {
    if (!streamed) {
      return;
    }
    Arrays.fill(uuids, null);
    Arrays.fill(applied, NONE);
    Arrays.fill(previous, NONE);
    previousSent = NEVER;
    deadline = NEVER;
    lapses[Cause.CLUSTER.ordinal()].increment();
  }

  /** @return how many times {@code cause} emptied L1 or stopped a renewal */
  public long lapses(Cause cause) {
    return lapses[cause.ordinal()].sum();
  }

  /** @return how many reconciliations renewed the lease */
  public long renewals() {
    return renewals.sum();
  }

  /**
   * @param nanos a monotonic instant
   * @return how long before {@code nanos} the lease was last renewed from (its {@code t0}), or -1 if never
   */
  public long ageNanos(long nanos) {
    long at = renewedAt;
    return at == NEVER ? -1 : nanos - at;
  }
}
