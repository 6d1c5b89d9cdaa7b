package dev.strata.cache.tier;

import dev.strata.cache.copy.CopyStrategy;
import dev.strata.cache.event.Change;
import dev.strata.cache.event.EventDispatcher;
import dev.strata.cache.internal.Clock;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.cache.expiry.Duration;

/**
 * The read path of one cache's {@link TieredStore}: look in L1, and serve an entry only before its
 * expiry and while the {@link Lease} holds, judged by the monotonic clock read on the caller's
 * thread; else reserve the key, read L2, and publish what it found or cancel. An L1 entry the lease
 * could not vouch for is checked against L2 and kept if L2 still holds its record. Reads also apply
 * access expiry to L2 and remove the expired records they find, reporting them to the listeners.
 * Thread-safe.
 *
 * @param <K> the application's key type
 */
final class TieredReads<K> {

  /** A read start not taken, for reads that need no staleness bound (no L1). */
  private static final long NOT_READ = Long.MIN_VALUE;

  private final RemoteTier l2;
  private final LocalTier<K> l1;
  private final Encoder encoder;
  private final Clock clock;
  private final Lease lease;
  private final JCacheExpiry expiry;
  private final EventDispatcher<K, ?> events;
  private final Recorder recorder;
  private final Reservations<K> reservations;
  private final boolean l1Enabled;
  /** How long past its expiry a record stays in L2 for stale-if-error; 0 for none. */
  private final long staleWindowMillis;

  TieredReads(RemoteTier l2, LocalTier<K> l1, Encoder encoder, Clock clock, Lease lease, JCacheExpiry expiry,
              EventDispatcher<K, ?> events, Recorder recorder, Reservations<K> reservations, boolean l1Enabled,
              long staleWindowMillis) {
    this.staleWindowMillis = staleWindowMillis;
    this.l2 = l2;
    this.l1 = l1;
    this.encoder = encoder;
    this.clock = clock;
    this.lease = lease;
    this.expiry = expiry;
    this.events = events;
    this.recorder = recorder;
    this.reservations = reservations;
    this.l1Enabled = l1Enabled;
  }

  /** @return the key's value, from L1 or else L2, or null if L2 has no live entry */
  Object get(K key) {
    return get(key, 0);
  }

  /**
   * As {@link #get(Object)}, waiting at most {@code waitNanos} for L2 (0: as long as Hazelcast takes).
   *
   * @throws javax.cache.CacheException (the provider's {@code L2UnavailableException}) when L2 did not answer in time
   */
  Object get(K key, long waitNanos) {
    LocalValue local = l1.get(key);
    if (local != null) {
      // read before the L2 read below: a miss publishes with this instant as its read start
      long nanos = clock.nanos();
      if (local.servable(nanos) && lease.holds(nanos) && l1.vouches(local)) {
        Duration access = expiry.access();
        if (access == null) {
          recorder.l1Hit();
          return localValue(local);
        }
        return readL2(key, clock.millis(), nanos, access, true, null, waitNanos);
      }
      recorder.staleRefused();
      // unexpired, but the lease (or L1, after a repair) could not vouch for it: L2 decides whether it may stay
      return readL2(key, clock.millis(), nanos, null, false, local.servable(nanos) ? local : null, waitNanos);
    }
    if (l1Enabled) {
      return readL2(key, clock.millis(), clock.nanos(), null, false, null, waitNanos);
    }
    // without L1 no read start is needed for a staleness bound: the clock is read only if an entry can expire
    return readL2(key, NOT_READ, NOT_READ, null, false, null, waitNanos);
  }

  private Object readL2(K key, long now, long startNanos, Duration knownAccess, boolean accessKnown) {
    return readL2(key, now, startNanos, knownAccess, accessKnown, null, 0);
  }

  /**
   * Reads L2 for a key that L1 could not serve.
   *
   * @param waitNanos how long to wait for L2, 0 for as long as Hazelcast takes
   * @param held an unexpired L1 entry the lease could not vouch for, or null: if L2 still holds the
   *     record it stands for, it stays, and a store-by-reference cache keeps handing out its instance
   */
  private Object readL2(K key, long now, long startNanos, Duration knownAccess, boolean accessKnown, LocalValue held,
                        long waitNanos) {
    Object tk = encoder.key(key);
    Object token = reservations.reserve(key);
    try {
      Object record = waitNanos > 0 ? l2.get(tk, waitNanos) : l2.get(tk);
      // an eternal entry never expires, whatever the time: the clock is read only for the others
      if (record != null && l2.expiresAt(record) != Long.MAX_VALUE) {
        now = now == NOT_READ ? clock.millis() : now;
        if (l2.expiresAt(record) <= now) {
          expire(key, tk, record, now);
          record = null;
        }
      }
      if (record == null) {
        l1.cancel(key, token);
        recorder.miss();
        return null;
      }
      Duration access = accessKnown ? knownAccess : expiry.access();
      if (access != null) {
        now = now == NOT_READ ? clock.millis() : now;
        record = touch(key, tk, record, access, now);
      }
      recorder.l2Hit();
      Object heldRecord = held == null ? null : held.record() != null ? held.record()
          : held.strategy() == CopyStrategy.DECODE ? held.value() : null;
      if (heldRecord != null && l2.sameRecord(heldRecord, record)) {
        recorder.revalidated(true);
        l1.publish(key, token, held);
        return localValue(held);
      }
      if (held != null) {
        recorder.revalidated(false);
      }
      Object value = encoder.value(record);
      reservations.publish(key, token, record, value, now, startNanos);
      return value;
    } catch (RuntimeException | Error e) {
      l1.cancel(key, token);
      throw e;
    }
  }

  /** Reads many keys: what is found goes into {@code found}, the keys with no live entry into {@code missing}. */
  void getAll(Iterable<K> keys, Map<K, Object> found, List<K> missing) {
    long now = clock.millis();
    long nanos = clock.nanos();
    List<K> fromL2 = new ArrayList<>();
    for (K key : keys) {
      LocalValue local = l1.get(key);
      if (local == null || !local.servable(nanos) || !lease.holds(nanos) || !l1.vouches(local)) {
        if (local != null) {
          recorder.staleRefused();
        }
        fromL2.add(key);
        continue;
      }
      Duration access = expiry.access();
      if (access == null) {
        recorder.l1Hit();
        found.put(key, localValue(local));
        continue;
      }
      // the new expiry must be written to L2, with the duration already asked for
      Object value = readL2(key, now, nanos, access, true);
      if (value != null) {
        found.put(key, value);
      } else {
        missing.add(key);
      }
    }
    if (!fromL2.isEmpty()) {
      readAll(fromL2, now, nanos, found, missing);
    }
  }

  private void readAll(List<K> keys, long now, long startNanos, Map<K, Object> found, List<K> missing) {
    List<Object> tierKeys = new ArrayList<>(keys.size());
    List<Object> tokens = new ArrayList<>(keys.size());
    for (K key : keys) {
      tierKeys.add(encoder.key(key));
      tokens.add(reservations.reserve(key));
    }
    try {
      List<Object> records = l2.getAll(tierKeys);
      for (int i = 0; i < keys.size(); i++) {
        K key = keys.get(i);
        Object tk = tierKeys.get(i);
        Object record = records.get(i);
        if (record != null && l2.expiresAt(record) <= now) {
          expire(key, tk, record, now);
          record = null;
        }
        if (record == null) {
          l1.cancel(key, tokens.set(i, null));
          recorder.miss();
          missing.add(key);
          continue;
        }
        record = touch(key, tk, record, expiry.access(), now);
        recorder.l2Hit();
        Object value = encoder.value(record);
        reservations.publish(key, tokens.set(i, null), record, value, now, startNanos);
        found.put(key, value);
      }
    } finally {
      for (int i = 0; i < keys.size(); i++) {
        l1.cancel(keys.get(i), tokens.get(i));
      }
    }
  }

  /** @return whether the key has a live entry; counts nothing and changes nothing but expired entries */
  boolean contains(K key) {
    long now = clock.millis();
    LocalValue local = l1.get(key);
    long nanos = clock.nanos();
    if (local != null && local.servable(nanos) && lease.holds(nanos) && l1.vouches(local)) {
      return true;
    }
    Object record = l2.get(encoder.key(key));
    return record != null && l2.expiresAt(record) > now;
  }

  /** @return the live entry of an L2 key, read from L2 alone (for iteration), or null */
  @SuppressWarnings("unchecked")
  Map.Entry<K, Object> entry(Object tk) {
    Object record = l2.get(tk);
    if (record == null) {
      return null;
    }
    long now = clock.millis();
    K key = (K) encoder.appKey(tk);
    if (l2.expiresAt(record) <= now) {
      expire(key, tk, record, now);
      return null;
    }
    record = touch(key, tk, record, expiry.access(), now);
    return new AbstractMap.SimpleImmutableEntry<>(key, encoder.value(record));
  }

  /** Applies access expiry to a record read from L2; returns the record now in L2 (or the old one if a writer raced). */
  private Object touch(K key, Object tk, Object record, Duration access, long now) {
    if (access == null) {
      return record;
    }
    Object read = record;
    long expiresAt = expiry.accessed(key, () -> encoder.value(read), access, l2.expiresAt(record), now);
    if (expiresAt == l2.expiresAt(record)) {
      return record;
    }
    Object touched = l2.restamp(record, expiresAt);
    if (l2.replace(tk, record, touched)) {
      l1.invalidate(key);
      return touched;
    }
    return record;
  }

  /**
   * When a key was written: from a published L1 entry, else from L2's record.
   *
   * @return epoch ms on the writer's clock; 0 if the key has no entry or the time is unknown
   */
  long writtenAt(K key) {
    LocalValue local = l1.get(key);
    if (local != null && local.servable(clock.nanos()) && local.writtenAt() != 0) {
      return local.writtenAt();
    }
    Object record = l2.get(encoder.key(key));
    return record == null ? 0 : l2.writtenAt(record);
  }

  /**
   * @return the value of the key's record if it expired less than the stale-if-error window ago,
   *     read from L2; null if there is none, it is live, or it is older
   */
  Object stale(K key) {
    if (staleWindowMillis == 0) {
      return null;
    }
    Object record = l2.get(encoder.key(key));
    if (record == null) {
      return null;
    }
    long expiresAt = l2.expiresAt(record);
    long now = clock.millis();
    return expiresAt <= now && now < Saturated.add(expiresAt, staleWindowMillis) ? encoder.value(record) : null;
  }

  /**
   * Removes an expired record if it is still there, and tells the listeners; a record still inside
   * the stale-if-error window stays in L2 (unserved by reads) until the window ends.
   */
  private void expire(K key, Object tk, Object record, long now) {
    if (staleWindowMillis != 0 && now < Saturated.add(l2.expiresAt(record), staleWindowMillis)) {
      l1.invalidate(key);
      return;
    }
    try {
      if (l2.remove(tk, record)) {
        events.dispatch(Change.expired(key, tk, record));
      }
    } finally {
      l1.invalidate(key);
    }
  }

  /** @return what an L1 hit hands out: the held value if it can be shared, else a copy of it */
  private Object localValue(LocalValue local) {
    CopyStrategy strategy = local.strategy();
    if (strategy == CopyStrategy.SHARE) {
      return local.value();
    }
    return strategy == CopyStrategy.DECODE ? encoder.value(local.value()) : strategy.copy(local.value());
  }
}
