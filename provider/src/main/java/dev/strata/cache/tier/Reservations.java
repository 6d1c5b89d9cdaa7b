package dev.strata.cache.tier;

import dev.strata.cache.copy.Codec;
import dev.strata.cache.copy.CopyStrategy;

/**
 * The two ends of the invariant stated on {@link LocalTier}, as reads and store-by-reference writes
 * take them: reserve a key in L1 before L2 is read or written, and publish what L2 held into that
 * reservation, with the instant after which L1 may not serve it. Cancelling is the caller's, on
 * {@link LocalTier} directly. Thread-safe.
 *
 * @param <K> the application's key type
 */
final class Reservations<K> {

  private final RemoteTier l2;
  private final LocalTier<K> l1;
  private final Codec codec;
  private final Lease lease;
  private final boolean byReference;
  private final boolean l1Enabled;

  Reservations(RemoteTier l2, LocalTier<K> l1, Codec codec, Lease lease, boolean byReference, boolean l1Enabled) {
    this.l2 = l2;
    this.l1 = l1;
    this.codec = codec;
    this.lease = lease;
    this.byReference = byReference;
    this.l1Enabled = l1Enabled;
  }

  /** @return the token of a reservation of {@code key} in L1, for {@link #publish} or a cancel */
  Object reserve(K key) {
    return l1.reserve(l1Key(key));
  }

  /**
   * Publishes what a read (or a store-by-reference write) found into the reservation it took. The
   * entry may be served until its expiry (and, without a numbered stream, {@code max-staleness} after
   * the read started), on the monotonic clock: a wall-clock step after the read changes neither.
   *
   * @param now        the wall-clock time at the read's start (ms)
   * @param startNanos the monotonic time at the read's start, taken before the L2 read
   */
  void publish(K key, Object token, Object record, Object value, long now, long startNanos) {
    if (token == null) {
      return;
    }
    long expiresAt = l2.expiresAt(record);
    if (expiresAt <= now) {
      l1.cancel(key, token);
      return;
    }
    long untilExpiry = expiresAt == Long.MAX_VALUE ? Long.MAX_VALUE
        : Saturated.add(startNanos, Saturated.multiply(expiresAt - now, 1_000_000L));
    long serveUntil = lease.serveUntil(startNanos, untilExpiry);
    if (byReference) {
      l1.publish(key, token, new LocalValue(value, CopyStrategy.SHARE, serveUntil, record, l2.writtenAt(record),
          l2.weight(record)));
      return;
    }
    CopyStrategy strategy = codec.immutableTypes().strategyFor(value);
    // the caller gets value itself: L1 keeps its own copy of anything it does not share
    Object held = switch (strategy) {
      case SHARE -> value;
      case DECODE -> record;
      default -> strategy.copy(value);
    };
    l1.publish(key, token, new LocalValue(held, strategy, serveUntil, null, l2.writtenAt(record), l2.weight(record)));
  }

  /** @return the key as L1 may hold it: mutable keys are copied so callers cannot change them */
  @SuppressWarnings("unchecked")
  private K l1Key(K key) {
    return !l1Enabled || byReference ? key : (K) codec.copy(key);
  }
}
