package dev.strata.cache.tier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;

/**
 * The reconciliations of every lease of one cache manager, on one daemon thread: each round asks
 * every member once for the numbers of all the manager's caches, whatever their count (a Hibernate
 * application has a region per entity), and hands each cache its own. Rounds run every
 * {@code max-staleness / 4} of the cache with the shortest bound, and at least twice a second, and
 * at once after a cluster change. Thread-safe.
 */
public final class LeaseRenewals implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LeaseRenewals.class.getName());
  private static final Duration LONGEST_PERIOD = Duration.ofMillis(500);

  /** A cache whose lease is renewed here. */
  private record Lessee(RepairingHandler<?> repairing, InvalidationStream stream, Duration period) {
  }

  private final List<Lessee> lessees = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService executor;

  public LeaseRenewals(ThreadFactory threads) {
    this.executor = Executors.newSingleThreadScheduledExecutor(threads);
    executor.schedule(this::scheduled, LONGEST_PERIOD.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * @return how often a lease of bound {@code maxStaleness} is reconciled: four times per bound, so
   *     that a renewal held back by invalidations on their way has three more chances before the
   *     lease runs out, and at least twice a second, so that L1 serves again soon after a cluster change
   */
  public static Duration period(Duration maxStaleness) {
    Duration quarter = maxStaleness.dividedBy(4);
    return quarter.compareTo(LONGEST_PERIOD) < 0 ? quarter : LONGEST_PERIOD;
  }

  /**
   * Renews {@code repairing}'s lease from now on, after a first reconciliation on the caller's thread (so
   * that L1 serves from the cache's first read); closing the result stops it.
   */
  public AutoCloseable register(RepairingHandler<?> repairing, InvalidationStream stream, Duration maxStaleness) {
    Lessee lessee = new Lessee(repairing, stream, period(maxStaleness));
    lessees.add(lessee);
    repairing.reconcile(stream);
    return () -> lessees.remove(lessee);
  }

  /** Asks for a round now, besides the scheduled ones (after a cluster change). */
  public void now() {
    try {
      executor.execute(this::round);
    } catch (RejectedExecutionException e) {
      // closing: no lease to renew any more
    }
  }

  private void scheduled() {
    try {
      round();
    } finally {
      Duration next = LONGEST_PERIOD;
      for (Lessee lessee : lessees) {
        next = lessee.period().compareTo(next) < 0 ? lessee.period() : next;
      }
      try {
        executor.schedule(this::scheduled, Math.max(1_000_000L, next.toNanos()), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // closed
      }
    }
  }

  /** One request per member for every cache's numbers; each cache's clock read before it is sent. */
  private void round() {
    List<Lessee> now = new ArrayList<>(lessees);
    if (now.isEmpty()) {
      return;
    }
    long[] sent = new long[now.size()];
    List<String> maps = new ArrayList<>(now.size());
    for (int i = 0; i < now.size(); i++) {
      sent[i] = now.get(i).repairing().nanos();
      maps.add(now.get(i).stream().mapName());
    }
    Map<String, InvalidationStream.Numbers> numbers;
    try {
      numbers = now.get(0).stream().numbers(maps);
    } catch (RuntimeException e) {
      // every lease runs out on its own; the next round tries again
      LOG.log(System.Logger.Level.DEBUG, "lease.reconcile caches={0} failed: {1}", maps.size(), e);
      for (Lessee lessee : now) {
        lessee.repairing().lease().unreachable();
      }
      return;
    }
    for (int i = 0; i < now.size(); i++) {
      InvalidationStream.Numbers mine = numbers.get(maps.get(i));
      if (mine != null) {
        now.get(i).repairing().reconcile(mine, sent[i]);
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
