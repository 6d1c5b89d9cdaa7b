package dev.strata.cache.tier;

import dev.strata.cache.internal.Clock;
import java.util.UUID;

/**
 * What the cluster tells one cache's L1, applied: an invalidation drops its key, a clear or a
 * cluster change drops everything, and on a numbered stream each invalidation counts for the
 * cache's {@link Lease}, which reconciliation with the members renews and which empties L1 when it
 * finds invalidations lost. The {@link TieredStore} serves L1 under the same lease; this class is
 * the side that keeps it, as Hazelcast's near cache has its own repairing handler. Thread-safe.
 *
 * @param <K> the application's key type
 */
public final class RepairingHandler<K> {

  private final LocalTier<K> l1;
  private final Encoder encoder;
  private final Clock clock;
  private final Lease lease;
  private final Recorder recorder;
  private final boolean l1Enabled;

  public RepairingHandler(LocalTier<K> l1, Encoder encoder, Clock clock, Lease lease, Recorder recorder) {
    this.l1 = l1;
    this.encoder = encoder;
    this.clock = clock;
    this.lease = lease;
    this.recorder = recorder;
    this.l1Enabled = l1.enabled();
  }

  /** @return what L2 tells this cache about changes, for {@link RemoteTier#onChange} */
  public RemoteTier.Changes changes() {
    return new RemoteTier.Changes() {
      @Override
      public void changed(Object tierKey, long writtenAt, boolean ownWrite) {
        invalidated(tierKey, writtenAt, ownWrite);
      }

      @Override
      public void changedAll() {
        invalidatedAll();
      }
    };
  }

  /**
   * L2 evicted this key to stay within its bound: this JVM's L1 lets it go, as after any removal
   * (an eviction is not numbered in the invalidation stream, so it is told by its own event).
   */
  public void evicted(Object tierKey) {
    invalidated(tierKey, 0, false);
  }

  /**
   * Someone changed this key.
   *
   * @param writtenAt when the writer wrote it (epoch ms), 0 if unknown
   * @param ownWrite  whether this cache's store made the change itself
   */
  @SuppressWarnings("unchecked")
  private void invalidated(Object tierKey, long writtenAt, boolean ownWrite) {
    recorder.invalidationReceived();
    if (ownWrite) {
      // this store's own write: its L1 settled the key in the write's finally, after L2 had the
      // record, so whatever L1 holds now was read at or after this write and may stay
      return;
    }
    if (writtenAt > 0) {
      recorder.invalidationLag(clock.millis() - writtenAt);
    }
    if (l1Enabled) {
      K key;
      try {
        key = (K) encoder.appKey(tierKey);
      } catch (RuntimeException e) {
        // a key we cannot decode cannot be matched: drop everything rather than risk a stale read
        invalidatedAll();
        return;
      }
      if (l1.get(key) != null) {
        recorder.l1Dropped();
      }
      l1.invalidate(key);
    }
  }

  /** The whole store was cleared or evicted. */
  private void invalidatedAll() {
    recorder.l1Dropped();
    l1.invalidateAll();
  }

  /**
   * The cluster changed (membership, migration, lost partitions, a merge, a reconnect): events may
   * have been lost, so L1 vouches for nothing it holds until L2 has confirmed it, entry by entry.
   */
  public void clusterChanged() {
    recorder.clusterDropped(l1.size());
    lease.reset();
    l1.distrustAll();
  }

  /**
   * @return what a numbered invalidation stream tells this cache: each key dropped from L1 (unless
   *     this JVM changed it) before its number counts as applied for the {@link Lease}
   */
  public InvalidationStream.Sink streamSink() {
    return new InvalidationStream.Sink() {
      @Override
      public void changed(Object tierKey, boolean ownChange, int partition, UUID partitionUuid, long sequence) {
        if (tierKey != null) {
          invalidated(tierKey, 0, ownChange);
        }
        lease.invalidated(partition, partitionUuid, sequence, RepairingHandler.this::leaseRepair);
      }

      @Override
      public void changedAll() {
        invalidatedAll();
      }
    };
  }

  /**
   * Asks the members for their invalidation numbers and renews the lease if this JVM has applied
   * them all; the request's instant is read before it is sent.
   */
  public void reconcile(InvalidationStream stream) {
    long sentNanos = clock.nanos();
    InvalidationStream.Numbers numbers;
    try {
      numbers = stream.numbers();
    } catch (RuntimeException e) {
      lease.unreachable();
      return;
    }
    reconcile(numbers, sentNanos);
  }

  /**
   * Renews the lease from numbers asked for at {@code sentNanos} (this cache's clock, read before
   * the request was sent), if this JVM has applied them all.
   */
  public void reconcile(InvalidationStream.Numbers numbers, long sentNanos) {
    lease.reconcile(numbers.sequences(), numbers.uuids(), sentNanos, this::leaseRepair);
  }

  /**
   * Repairs L1 for the lease: every entry and reservation so far is served again only once L2 has
   * confirmed it, so the lease may be renewed at once for what is read from now on. An entry L2 still
   * holds stays, with its instance (a store-by-reference cache keeps handing out the same object).
   */
  public void leaseRepair(Lease.Cause cause) {
    recorder.leaseDropped(l1.size());
    l1.distrustAll();
  }

  /** @return the cache's monotonic clock now, as the lease is judged by */
  public long nanos() {
    return clock.nanos();
  }

  /** @return the lease this cache's L1 is served under */
  public Lease lease() {
    return lease;
  }
}
