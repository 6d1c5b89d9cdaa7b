package dev.strata.cache.tier;

import dev.strata.cache.copy.Codec;
import dev.strata.cache.copy.CopyStrategy;
import dev.strata.cache.event.Change;
import dev.strata.cache.event.EventDispatcher;
import dev.strata.cache.internal.Clock;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.cache.expiry.Duration;

/**
 * The L1/L2 protocol of one cache, in one place. L2 ({@link RemoteTier}) is authoritative; L1
 * ({@link LocalTier}) holds what L2 held, and keeps the invariant stated on {@link LocalTier}:
 * reserve, read L2, publish only if the reservation stands.
 *
 * <ul>
 *   <li><b>Reads</b> ({@link #get}, {@link #getAll}) look in L1, then reserve the key, read L2, and
 *       publish what they found, or cancel. An L1 entry is served until its expiry, and only while
 *       the cache's {@link Lease} holds: on a numbered invalidation stream the lease proves every
 *       invalidation up to a recent instant has been applied, so an unchanged entry stays; without
 *       one, each entry is served until {@code max-staleness} after its read started. Both are checked
 *       against the monotonic clock read on the caller's thread, so no stall can make a reader serve
 *       an entry late.
 *   <li><b>Writes</b> ({@link #mutate}, {@link #put}, {@link #remove}) change L2 first and settle L1
 *       in one {@code finally}: a store-by-value cache drops the key; a store-by-reference cache
 *       publishes the written instance into a reservation taken before the L2 write, which any
 *       invalidation in between voids.
 *   <li><b>Clear</b> fences L1: nothing read before or during the L2 clear is published.
 *   <li><b>Invalidations</b> ({@link #changes}) and <b>cluster changes</b> ({@link #clusterChanged})
 *       drop what L1 may hold stale.
 * </ul>
 *
 * <p>JSR-107 semantics above this (loaders, writers, events of writes, statistics of operations)
 * belong to the cache; expiry comes in as a {@link JCacheExpiry}. Thread-safe.
 *
 * @param <K> the application's key type
 */
public final class TieredStore<K> {

  /** A plan's answer meaning "leave the entry as it is". */
  public static final Object KEEP = new Object();
  /** A plan's answer meaning "remove the entry". */
  public static final Object DELETE = new Object();

  /** How a mutation applies its plan. */
  public enum Mode {
    /** Under the key's cluster-wide lock: the plan runs exactly once (writers, entry processors). */
    LOCKED,
    /** Compare-and-set: the plan may run again after losing a race. */
    CAS,
    /**
     * Compare-and-set starting from the record a store-by-reference L1 holds rather than reading
     * L2: one round trip instead of two when L1 is right; L2 checks the guess.
     */
    CAS_FROM_L1
  }

  /** A read start not taken, for reads that need no staleness bound (no L1). */
  private static final long NOT_READ = Long.MIN_VALUE;

  private final RemoteTier l2;
  private final LocalTier<K> l1;
  private final Encoder encoder;
  private final Codec codec;
  private final Clock clock;
  private final Lease lease;
  private final boolean byReference;
  private final boolean l1Enabled;
  private final JCacheExpiry expiry;
  private final EventDispatcher<K, ?> events;
  private final Recorder recorder;
  private final GroupIndex groups;

  /**
   * @param byReference whether L1 hands out the instances it holds (store-by-reference), rather
   *     than copies or fresh decodes
   * @param events      where expiries found by reads are reported
   */
  public TieredStore(RemoteTier l2, LocalTier<K> l1, Encoder encoder, Codec codec, Clock clock,
                     Lease lease, boolean byReference, JCacheExpiry expiry,
                     EventDispatcher<K, ?> events, Recorder recorder, GroupIndex groups) {
    this.l2 = l2;
    this.l1 = l1;
    this.encoder = encoder;
    this.codec = codec;
    this.clock = clock;
    this.lease = lease;
    this.byReference = byReference;
    this.l1Enabled = l1.enabled();
    this.expiry = expiry;
    this.events = events;
    this.recorder = recorder;
    this.groups = groups;
  }

  // ---------------------------------------------------------------- reads

  /** @return the key's value, from L1 or else L2, or null if L2 has no live entry */
  public Object get(K key) {
    LocalValue local = l1.get(key);
    if (local != null) {
      // read before the L2 read below: a miss publishes with this instant as its read start
      long nanos = clock.nanos();
      if (local.servable(nanos) && lease.holds(nanos)) {
        Duration access = expiry.access();
        if (access == null) {
          recorder.l1Hit();
          return localValue(local);
        }
        return readL2(key, clock.millis(), nanos, access, true);
      }
      recorder.staleRefused();
      // unexpired, but the lease could not vouch for it: L2 decides whether it may stay
      return readL2(key, clock.millis(), nanos, null, false, local.servable(nanos) ? local : null);
    }
    if (l1Enabled) {
      return readL2(key, clock.millis(), clock.nanos(), null, false);
    }
    // without L1 no read start is needed for a staleness bound: the clock is read only if an entry can expire
    return readL2(key, NOT_READ, NOT_READ, null, false);
  }

  private Object readL2(K key, long now, long startNanos, Duration knownAccess, boolean accessKnown) {
    return readL2(key, now, startNanos, knownAccess, accessKnown, null);
  }

  /**
   * Reads L2 for a key that L1 could not serve.
   *
   * @param held an unexpired L1 entry the lease could not vouch for, or null: if L2 still holds the
   *     record it stands for, it stays, and a store-by-reference cache keeps handing out its instance
   */
  private Object readL2(K key, long now, long startNanos, Duration knownAccess, boolean accessKnown, LocalValue held) {
    Object tk = encoder.key(key);
    Object token = l1.reserve(l1Key(key));
    try {
      Object record = l2.get(tk);
      // an eternal entry never expires, whatever the time: the clock is read only for the others
      if (record != null && l2.expiresAt(record) != Long.MAX_VALUE) {
        now = now == NOT_READ ? clock.millis() : now;
        if (l2.expiresAt(record) <= now) {
          expire(key, tk, record);
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
      publish(key, token, record, value, now, startNanos);
      return value;
    } catch (RuntimeException | Error e) {
      l1.cancel(key, token);
      throw e;
    }
  }

  /** Reads many keys: what is found goes into {@code found}, the keys with no live entry into {@code missing}. */
  public void getAll(Iterable<K> keys, Map<K, Object> found, List<K> missing) {
    long now = clock.millis();
    long nanos = clock.nanos();
    List<K> fromL2 = new ArrayList<>();
    for (K key : keys) {
      LocalValue local = l1.get(key);
      if (local == null || !local.servable(nanos) || !lease.holds(nanos)) {
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
      tokens.add(l1.reserve(l1Key(key)));
    }
    try {
      List<Object> records = l2.getAll(tierKeys);
      for (int i = 0; i < keys.size(); i++) {
        K key = keys.get(i);
        Object tk = tierKeys.get(i);
        Object record = records.get(i);
        if (record != null && l2.expiresAt(record) <= now) {
          expire(key, tk, record);
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
        publish(key, tokens.set(i, null), record, value, now, startNanos);
        found.put(key, value);
      }
    } finally {
      for (int i = 0; i < keys.size(); i++) {
        l1.cancel(keys.get(i), tokens.get(i));
      }
    }
  }

  /** @return whether the key has a live entry; counts nothing and changes nothing but expired entries */
  public boolean contains(K key) {
    long now = clock.millis();
    LocalValue local = l1.get(key);
    long nanos = clock.nanos();
    if (local != null && local.servable(nanos) && lease.holds(nanos)) {
      return true;
    }
    Object record = l2.get(encoder.key(key));
    return record != null && l2.expiresAt(record) > now;
  }

  /** @return the live entry of an L2 key, read from L2 alone (for iteration), or null */
  @SuppressWarnings("unchecked")
  public Map.Entry<K, Object> entry(Object tk) {
    Object record = l2.get(tk);
    if (record == null) {
      return null;
    }
    long now = clock.millis();
    K key = (K) encoder.appKey(tk);
    if (l2.expiresAt(record) <= now) {
      expire(key, tk, record);
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
    long expiresAt = JCacheExpiry.at(now, access);
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

  /** Removes an expired record if it is still there, and tells the listeners. */
  private void expire(K key, Object tk, Object record) {
    try {
      if (l2.remove(tk, record)) {
        events.dispatch(Change.expired(key, tk, record));
      }
    } finally {
      l1.invalidate(key);
    }
  }

  /**
   * Publishes what a read (or a store-by-reference write) found into the reservation it took. The
   * entry may be served until its expiry (and, without a numbered stream, {@code max-staleness} after
   * the read started), on the monotonic clock: a wall-clock step after the read changes neither.
   *
   * @param now        the wall-clock time at the read's start (ms)
   * @param startNanos the monotonic time at the read's start, taken before the L2 read
   */
  private void publish(K key, Object token, Object record, Object value, long now, long startNanos) {
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
      l1.publish(key, token, new LocalValue(value, CopyStrategy.SHARE, serveUntil, record));
      return;
    }
    CopyStrategy strategy = codec.immutableTypes().strategyFor(value);
    // the caller gets value itself: L1 keeps its own copy of anything it does not share
    Object held = switch (strategy) {
      case SHARE -> value;
      case DECODE -> record;
      default -> strategy.copy(value);
    };
    l1.publish(key, token, new LocalValue(held, strategy, serveUntil));
  }

  /** @return what an L1 hit hands out: the held value if it can be shared, else a copy of it */
  private Object localValue(LocalValue local) {
    CopyStrategy strategy = local.strategy();
    if (strategy == CopyStrategy.SHARE) {
      return local.value();
    }
    return strategy == CopyStrategy.DECODE ? encoder.value(local.value()) : strategy.copy(local.value());
  }

  /** @return the key as L1 may hold it: mutable keys are copied so callers cannot change them */
  @SuppressWarnings("unchecked")
  private K l1Key(K key) {
    return !l1Enabled || byReference ? key : (K) codec.copy(key);
  }

  // ---------------------------------------------------------------- writes

  /**
   * A store-by-reference write's hold on L1: the entry L1 held before (so that an old value L2
   * hands back can be recognised as that instance), and the reservation the write publishes its
   * own instance into, taken before L2 is written, so that an invalidation from any other writer
   * in between voids it, as it voids a reader's.
   */
  private record Pin(LocalValue before, Object token, long startNanos) {
  }

  /**
   * The one mutation path: reads the key's record, asks {@code plan} what to do, applies it in L2
   * atomically, and settles L1.
   *
   * @param instance the value a store-by-reference write leaves in L2, which L1 then holds; null
   *     for removals and for writes that L1 should forget
   */
  public Decision mutate(K key, Object tk, Mode mode, Object instance, Plan plan) {
    long now = clock.millis();
    Pin pin = pin(key, instance);
    Decision decision = null;
    try {
      decision = mode == Mode.LOCKED ? locked(tk, now, pin, plan)
          : compareAndSet(tk, now, pin, mode == Mode.CAS_FROM_L1 && pin.before() != null ? pin.before().record() : null,
              plan);
      indexKey(key, decision.stored(), now);
      return decision.withHeld(heldFor(pin.before(), decision.previous(), l2));
    } finally {
      settle(key, pin, decision, instance, now);
    }
  }

  /** An unconditional write of an eternal record (creation and update expiry agree, so the old entry is not read). */
  public Decision put(K key, Object tk, Object record, boolean wantOld, Object instance) {
    long now = clock.millis();
    Pin pin = pin(key, instance);
    Decision decision = null;
    try {
      Object old = null;
      if (wantOld) {
        old = l2.put(tk, record);
      } else {
        l2.set(tk, record);
      }
      decision = new Decision(record, old, old != null && l2.expiresAt(old) > now, true,
          heldFor(pin.before(), old, l2));
      indexKey(key, record, now);
      return decision;
    } finally {
      settle(key, pin, decision, instance, now);
    }
  }

  /** An unconditional removal; the decision says what was there. */
  public Decision remove(K key, Object tk) {
    long now = clock.millis();
    Pin pin = pin(key, null);
    Decision decision = null;
    try {
      Object old = l2.remove(tk);
      decision = new Decision(DELETE, old, old != null && l2.expiresAt(old) > now, old != null,
          heldFor(pin.before(), old, l2));
      return decision;
    } finally {
      settle(key, pin, decision, null, now);
    }
  }

  private Decision locked(Object tk, long now, Pin pin, Plan plan) {
    l2.lock(tk);
    try {
      Object old = l2.get(tk);
      Decision decision = plan.decide(new Step(old, now, pin.before(), l2));
      if (decision.next() == DELETE) {
        if (old != null) {
          l2.remove(tk);
        }
      } else if (decision.next() != KEEP) {
        l2.set(tk, decision.next());
      }
      return decision;
    } finally {
      l2.unlock(tk);
    }
  }

  private Decision compareAndSet(Object tk, long now, Pin pin, Object guess, Plan plan) {
    Object known = guess;
    while (true) {
      boolean guessed = known != null;
      Object old = guessed ? known : l2.get(tk);
      known = null;
      Decision decision = plan.decide(new Step(old, now, pin.before(), l2));
      Object next = decision.next();
      boolean done;
      if (next == KEEP) {
        // keeping what a guess showed proves nothing: L2 may hold something else
        done = !guessed;
      } else if (next == DELETE) {
        done = old == null || l2.remove(tk, old);
      } else {
        done = old == null ? l2.putIfAbsent(tk, next) == null : l2.replace(tk, old, next);
      }
      if (done) {
        return decision;
      }
    }
  }

  /** Indexes a {@code String} key just stored, after L2 has it, for a cache that invalidates by prefix. */
  private void indexKey(K key, Object stored, long now) {
    if (stored != null && groups.indexesKeys() && key instanceof String text) {
      groups.key(text, ttl(stored, now));
    }
  }

  /** Records that the entry just stored as {@code stored} carries {@code tags}; L2 has it already. */
  public void tag(Object tk, Collection<String> tags, Object stored) {
    groups.tag(tk, tags, ttl(stored, clock.millis()));
  }

  /** @return how long an index entry for {@code record} must live: as long as the entry, 0 for ever */
  private long ttl(Object record, long now) {
    long expiresAt = l2.expiresAt(record);
    return expiresAt == Long.MAX_VALUE ? 0 : Math.max(1, expiresAt - now);
  }

  /** @return the L2 keys of the entries tagged {@code tag}; their index entries are gone from now on */
  public List<Object> takeTagged(String tag) {
    return groups.takeTagged(tag);
  }

  /** @return the keys under {@code prefix}; their index entries are gone from now on */
  public List<String> takeUnder(String prefix) {
    return groups.takeUnder(prefix);
  }

  /** @return whether this cache indexes its {@code String} keys for prefix invalidation */
  public boolean indexesKeys() {
    return groups.indexesKeys();
  }

  /** @return the write's hold on L1: a reservation only for a store-by-reference write that leaves an instance */
  private Pin pin(K key, Object instance) {
    if (!byReference) {
      return new Pin(null, null, 0);
    }
    LocalValue before = l1.get(key);
    if (instance == null) {
      return new Pin(before, null, 0);
    }
    long startNanos = clock.nanos();
    return new Pin(before, l1.reserve(l1Key(key)), startNanos);
  }

  /**
   * Ends a write's hold on L1, in the write's {@code finally}. A store-by-reference write publishes
   * the instance L2 now holds: the one written, or the one L1 held for a record the write kept.
   * Anything else (a store-by-value cache, a removal, a failure, or a reservation another reader
   * held) drops the key from L1.
   */
  private void settle(K key, Pin pin, Decision decision, Object instance, long now) {
    if (pin.token() == null || decision == null) {
      l1.invalidate(key);
      return;
    }
    Object stored = decision.stored();
    Object held = decision.next() == KEEP && decision.found() ? heldFor(pin.before(), decision.previous(), l2) : null;
    if (stored != null) {
      publish(key, pin.token(), stored, instance, now, pin.startNanos());
    } else if (held != null) {
      publish(key, pin.token(), decision.previous(), held, now, pin.startNanos());
    } else {
      l1.invalidate(key);
    }
  }

  /** @return the instance a store-by-reference L1 entry holds for {@code record}, or null if it holds another or none */
  static Object heldFor(LocalValue before, Object record, RemoteTier l2) {
    return before != null && record != null && before.record() != null && l2.sameRecord(before.record(), record)
        ? before.value() : null;
  }

  /** @return the value of the record a decision replaced or removed: the instance L1 held for it, if any */
  public Object previousValue(Decision decision) {
    return decision.held() != null ? decision.held() : encoder.value(decision.previous());
  }

  /** Removes every entry of L2, fencing L1 so that nothing read before or during the clear is published. */
  public void clear() {
    l1.beginClear();
    try {
      l2.clear();
      groups.clear();
    } finally {
      l1.endClear();
    }
  }

  // ---------------------------------------------------------------- what the cluster tells

  /** @return what L2 tells this store about changes, for {@link RemoteTier#onChange} */
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
   * Someone changed this key.
   *
   * @param writtenAt when the writer wrote it (epoch ms), 0 if unknown
   * @param ownWrite  whether this store made the change itself
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

  /** The cluster changed (membership, migration, lost partitions, a merge, a reconnect): events may have been lost. */
  public void clusterChanged() {
    recorder.clusterDropped(l1.size());
    lease.reset();
    invalidatedAll();
  }

  /**
   * @return what a numbered invalidation stream tells this store: each key dropped from L1 (unless
   *     this JVM changed it) before its number counts as applied for the {@link Lease}
   */
  public InvalidationStream.Sink streamSink() {
    return new InvalidationStream.Sink() {
      @Override
      public void changed(Object tierKey, boolean ownChange, int partition, java.util.UUID partitionUuid, long sequence) {
        if (tierKey != null) {
          invalidated(tierKey, 0, ownChange);
        }
        lease.invalidated(partition, partitionUuid, sequence, TieredStore.this::leaseRepair);
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
   * Renews the lease from numbers asked for at {@code sentNanos} (this store's clock, read before
   * the request was sent), if this JVM has applied them all.
   */
  public void reconcile(InvalidationStream.Numbers numbers, long sentNanos) {
    lease.reconcile(numbers.sequences(), numbers.uuids(), sentNanos, this::leaseRepair);
  }

  /** Empties L1 for the lease: every entry, every reservation so far. */
  public void leaseRepair(Lease.Cause cause) {
    recorder.leaseDropped(l1.size());
    l1.invalidateAll();
  }

  /** @return the store's monotonic clock now, as the lease is judged by */
  public long nanos() {
    return clock.nanos();
  }

  /** @return the lease this store's L1 is served under */
  public Lease lease() {
    return lease;
  }

  /** Forgets everything L1 holds, as a cache closes; L2 keeps its data. */
  public void forgetLocal() {
    l1.invalidateAll();
  }

  /** @return a snapshot of L2's keys, in L2's form */
  public List<Object> keys() {
    return l2.keys();
  }

  /** Removes every entry of L2 and frees it for good. */
  public void destroy() {
    l2.destroy();
    groups.destroy();
  }

  /** @return how many keys and values read from L2 the serialization allow-list refused */
  public long rejectedPayloads() {
    return l2.rejectedPayloads();
  }

  /** @return whether this store has an L1 to keep coherent */
  public boolean hasL1() {
    return l1Enabled;
  }

  /** @return the number of entries L1 holds now */
  public long l1Size() {
    return l1.size();
  }

  /** @return the number of entries L2 holds, for the whole cluster */
  public long l2Size() {
    return l2.size();
  }
}
