package dev.strata.cache.tier;

import dev.strata.cache.copy.Codec;
import dev.strata.cache.event.EventDispatcher;
import dev.strata.cache.internal.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
 *       an entry late. The read path is {@link TieredReads}.
 *   <li><b>Writes</b> ({@link #mutate}, {@link #put}, {@link #remove}) change L2 first and settle L1
 *       in one {@code finally}: a store-by-value cache drops the key; a store-by-reference cache
 *       publishes the written instance into a reservation taken before the L2 write, which any
 *       invalidation in between voids.
 *   <li><b>Clear</b> fences L1: nothing read before or during the L2 clear is published.
 *   <li><b>Invalidations</b> and <b>cluster changes</b> drop what L1 may hold stale, and keep the
 *       lease: that side is the cache's {@link RepairingHandler}, which shares this store's L1 and lease.
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

  private final RemoteTier l2;
  private final LocalTier<K> l1;
  private final Encoder encoder;
  private final Clock clock;
  private final boolean byReference;
  private final boolean l1Enabled;
  private final GroupIndex groups;
  private final Reservations<K> reservations;
  private final TieredReads<K> reads;

  private TieredStore(RemoteTier l2, LocalTier<K> l1, Encoder encoder, Clock clock, boolean byReference,
                      boolean l1Enabled, GroupIndex groups, Reservations<K> reservations, TieredReads<K> reads) {
    this.l2 = l2;
    this.l1 = l1;
    this.encoder = encoder;
    this.clock = clock;
    this.byReference = byReference;
    this.l1Enabled = l1Enabled;
    this.groups = groups;
    this.reservations = reservations;
    this.reads = reads;
  }

  /**
   * The store of one cache over its two tiers, with its read path and the reservations that reads
   * and store-by-reference writes take; the cache's {@link RepairingHandler} is wired beside it.
   *
   * @param byReference whether L1 hands out the instances it holds (store-by-reference), rather
   *     than copies or fresh decodes
   * @param events      where expiries found by reads are reported
   */
  public static <K> TieredStore<K> of(RemoteTier l2, LocalTier<K> l1, Encoder encoder, Codec codec, Clock clock,
                                      Lease lease, boolean byReference, JCacheExpiry expiry,
                                      EventDispatcher<K, ?> events, Recorder recorder, GroupIndex groups,
                                      long staleWindowMillis) {
    boolean l1Enabled = l1.enabled();
    Reservations<K> reservations = new Reservations<>(l2, l1, codec, lease, byReference, l1Enabled);
    TieredReads<K> reads = new TieredReads<>(l2, l1, encoder, clock, lease, expiry, events, recorder, reservations,
        l1Enabled, staleWindowMillis);
    return new TieredStore<>(l2, l1, encoder, clock, byReference, l1Enabled, groups, reservations, reads);
  }

  // ---------------------------------------------------------------- reads

  /** @return the key's value, from L1 or else L2, or null if L2 has no live entry */
  public Object get(K key) {
    return reads.get(key);
  }

  /**
   * As {@link #get(Object)}, waiting at most {@code timeoutNanos} for L2.
   *
   * @throws javax.cache.CacheException (the provider's {@code L2UnavailableException}) when L2 did not answer in time
   */
  public Object get(K key, long timeoutNanos) {
    return reads.get(key, timeoutNanos);
  }

  /** Reads many keys: what is found goes into {@code found}, the keys with no live entry into {@code missing}. */
  public void getAll(Iterable<K> keys, Map<K, Object> found, List<K> missing) {
    reads.getAll(keys, found, missing);
  }

  /** @return whether the key has a live entry; counts nothing and changes nothing but expired entries */
  public boolean contains(K key) {
    return reads.contains(key);
  }

  /** @return the live entry of an L2 key, read from L2 alone (for iteration), or null */
  public Map.Entry<K, Object> entry(Object tk) {
    return reads.entry(tk);
  }

  /** @return when the key's entry was written (epoch ms, the writer's clock); 0 if none or unknown */
  public long writtenAt(K key) {
    return reads.writtenAt(key);
  }

  /** @return the key's record in L2 now, live or not, or null */
  public Object record(K key) {
    return l2.get(encoder.key(key));
  }

  /** @return when a record was written (epoch ms, the writer's clock) */
  public long recordWrittenAt(Object record) {
    return l2.writtenAt(record);
  }

  /** @return whether two records are the same write */
  public boolean sameRecord(Object a, Object b) {
    return l2.sameRecord(a, b);
  }

  /** @return the value of the key's entry if it expired within the stale-if-error window, else null */
  public Object stale(K key) {
    return reads.stale(key);
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
    return new Pin(before, reservations.reserve(key), startNanos);
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
      reservations.publish(key, pin.token(), stored, instance, now, pin.startNanos());
    } else if (held != null) {
      reservations.publish(key, pin.token(), decision.previous(), held, now, pin.startNanos());
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

  /** @return the bytes L1 holds by its weights when bounded by bytes; -1 otherwise */
  public long l1Bytes() {
    return l1.weightedSize();
  }

  /** @return entries in this JVM's L1 now */
  public long l1Size() {
    return l1.size();
  }

  /** @return the number of entries L2 holds, for the whole cluster */
  public long l2Size() {
    return l2.size();
  }
}
