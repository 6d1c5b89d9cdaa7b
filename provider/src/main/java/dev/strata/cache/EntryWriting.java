package dev.strata.cache;

import dev.strata.cache.event.Change;
import dev.strata.cache.event.EventDispatcher;
import dev.strata.cache.tier.Decision;
import dev.strata.cache.tier.Encoder;
import dev.strata.cache.tier.JCacheExpiry;
import dev.strata.cache.tier.Plan;
import dev.strata.cache.tier.Step;
import dev.strata.cache.tier.TieredStore;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import javax.cache.integration.CacheWriterException;

/**
 * How values get into a cache on request: puts (one, tagged, or a batch), put-if-absent, the
 * replaces, and {@code remove(key, oldValue)}, a replace by nothing. Each becomes one mutation of the
 * store that asks the expiry policy, calls the writer once when there is one (under the key's lock),
 * counts, and fires CREATED, UPDATED, REMOVED or EXPIRED as a direct call must. Arguments are
 * checked by the cache before they get here. Thread-safe.
 */
final class EntryWriting<K, V> {

  private final TieredStore<K> store;
  private final Encoder encoder;
  private final JCacheExpiry expiry;
  private final JCacheWriter<K, V> writer;
  private final Counters counters;
  private final EventDispatcher<K, V> events;

  EntryWriting(TieredStore<K> store, Encoder encoder, JCacheExpiry expiry, JCacheWriter<K, V> writer,
               Counters counters, EventDispatcher<K, V> events) {
    this.store = store;
    this.encoder = encoder;
    this.expiry = expiry;
    this.writer = writer;
    this.counters = counters;
    this.events = events;
  }

  /** The tagged put of {@link StrataCache#put(Object, Object, Collection)}. */
  void put(K key, V value, Collection<String> tags) {
    long started = counters.start();
    Object tk = encoder.key(key);
    Decision decision = write(key, value, tk, encoder.record(value, Long.MAX_VALUE), false, writer.active());
    if (decision.stored() != null && !tags.isEmpty()) {
      // only once L2 has the entry: an invalidation racing this put then either removes the entry or
      // leaves this index entry for the next invalidation to find
      store.tag(tk, tags, decision.stored());
    }
    counters.putTime(started);
  }

  /**
   * A refresh's write ({@link Freshness#storeRefreshed}): as a put without the writer (what a
   * refresh reloads comes from the system of record), with a creation's expiry.
   */
  void putRefreshed(K key, V value, Object from) {
    long started = counters.start();
    Object tk = encoder.key(key);
    Object base = encoder.record(value, Long.MAX_VALUE);
    Decision decision = store.mutate(key, tk, TieredStore.Mode.CAS, value, step -> {
      if (from != null && (step.old() == null || !store.sameRecord(step.old(), from))) {
        // a write or a removal overtook the refresh: it wins
        return step.keep();
      }
      long expiresAt = expiry.creation(key, value, step.now());
      if (expiresAt <= step.now()) {
        return step.live() ? step.expire() : step.keep();
      }
      return step.store(encoder.restamp(base, expiresAt));
    });
    if (decision.stored() != null) {
      counters.puts(1);
      events.dispatch(Change.written(key, tk, decision.stored(), decision.live()));
    }
    counters.putTime(started);
  }

  /** The spec's {@code getAndPut}: the value replaced, or null if there was no live entry. */
  @SuppressWarnings("unchecked")
  V getAndPut(K key, V value) {
    long started = counters.start();
    Decision decision = write(key, value, encoder.key(key), encoder.record(value, Long.MAX_VALUE), true,
        writer.active());
    counters.l2Read(decision.found());
    counters.getTime(started);
    counters.putTime(started);
    return decision.found() ? (V) store.previousValue(decision) : null;
  }

  /**
   * Writes one entry already encoded as {@code base} (an eternal record of the value), calling the
   * writer first when {@code writeThrough}; the decision says what it replaced.
   */
  private Decision write(K key, V value, Object tk, Object base, boolean wantOld, boolean writeThrough) {
    Decision decision;
    if (expiry.eternal() && !writeThrough) {
      // eternal entries: creation and update expiry agree, so one unconditional write does
      decision = store.put(key, tk, base, wantOld || events.active(), value);
    } else {
      decision = store.mutate(key, tk, writeThrough ? TieredStore.Mode.LOCKED : TieredStore.Mode.CAS, value, step -> {
        long expiresAt = step.live() ? expiry.update(key, value, step.expiresAt(), step.now())
            : expiry.creation(key, value, step.now());
        if (writeThrough) {
          writer.write(key, value);
        }
        if (expiresAt <= step.now()) {
          return step.live() ? step.expire() : step.keep();
        }
        return step.store(encoder.restamp(base, expiresAt));
      });
    }
    if (decision.stored() != null) {
      counters.puts(1);
    }
    // the put path builds no event object when no listener is registered
    if (events.active()) {
      if (decision.stored() != null) {
        events.dispatch(Change.written(key, tk, decision.stored(), decision.live()));
      } else if (decision.live() != null) {
        events.dispatch(Change.expired(key, tk, decision.live()));
      }
    }
    return decision;
  }

  /** The spec's {@code putAll}: every value encoded first, the writer called once for the batch. */
  void putAll(Map<? extends K, ? extends V> entries) {
    long started = counters.start();
    // encode everything first: a value that cannot be serialized must stop the call before anything is written
    Map<K, Encoded<V>> encoded = new LinkedHashMap<>();
    entries.forEach((key, value) -> encoded.put(key,
        new Encoded<>(encoder.key(key), encoder.record(value, Long.MAX_VALUE), value)));
    CacheWriterException failure = writer.writeAll(entries, encoded);
    // the writer saw the whole batch already
    encoded.forEach((key, entry) -> write(key, entry.value(), entry.tierKey(), entry.record(), false, false));
    counters.putTime(started);
    if (failure != null) {
      throw failure;
    }
  }

  /** An entry of {@code putAll}, encoded before anything is written. */
  private record Encoded<V>(Object tierKey, Object record, V value) {
  }

  /**
   * {@link StrataCache#storeComputed}: as {@code putIfAbsent}, tagged, counting no read (the miss
   * that led to the computation was counted).
   */
  boolean storeComputed(K key, V value, Collection<String> tags) {
    long started = counters.start();
    Object tk = encoder.key(key);
    Decision decision = storeIfNoLiveEntry(key, value, tk);
    if (decision.stored() != null && !tags.isEmpty()) {
      store.tag(tk, tags, decision.stored());
    }
    return created(key, tk, decision, started);
  }

  /** The spec's {@code putIfAbsent}: fires CREATED when it put. */
  boolean putIfAbsent(K key, V value) {
    long started = counters.start();
    Object tk = encoder.key(key);
    Decision decision = storeIfNoLiveEntry(key, value, tk);
    counters.l2Read(decision.found());
    return created(key, tk, decision, started);
  }

  /** Stores the value, through the writer, unless the key has a live entry. */
  private Decision storeIfNoLiveEntry(K key, V value, Object tk) {
    Object base = encoder.record(value, Long.MAX_VALUE);
    return store.mutate(key, tk, mode(), value, step -> {
      if (step.live()) {
        return step.keep();
      }
      long expiresAt = expiry.creation(key, value, step.now());
      writer.write(key, value);
      return expiresAt <= step.now() ? step.expire() : step.store(encoder.restamp(base, expiresAt));
    });
  }

  /** Counts and announces an entry {@link #storeIfNoLiveEntry} created; @return whether it did */
  private boolean created(K key, Object tk, Decision decision, long started) {
    if (decision.stored() == null) {
      return false;
    }
    counters.puts(1);
    counters.putTime(started);
    events.dispatch(Change.created(key, tk, decision.stored()));
    return true;
  }

  /** @return how a write that takes no writer lock applies its plan: under the lock with a writer, else by CAS */
  private TieredStore.Mode mode() {
    return writer.active() ? TieredStore.Mode.LOCKED : TieredStore.Mode.CAS;
  }

  /**
   * The spec's {@code remove(key, oldValue)}: a replace by nothing. Removes a live entry that holds
   * {@code oldValue} (writer first); an entry holding another value is only accessed. Fires REMOVED
   * when it removed.
   */
  boolean remove(K key, V oldValue) {
    long started = counters.start();
    Object tk = encoder.key(key);
    Decision decision = store.mutate(key, tk, mode(), null, step -> {
      if (!step.live()) {
        return step.keep();
      }
      if (!step.holds(oldValue)) {
        return step.accessed(expiry);
      }
      writer.delete(key);
      return step.remove();
    });
    counters.l2Read(decision.found());
    if (!decision.found() || !decision.applied()) {
      return false;
    }
    counters.removals(1);
    counters.removeTime(started);
    events.dispatch(Change.removed(key, tk, decision.previous()));
    return true;
  }

  /** The spec's {@code replace(key, oldValue, newValue)}. */
  boolean replace(K key, V oldValue, V newValue) {
    return replace(key, newValue, step -> step.holds(oldValue), counters.start()).applied();
  }

  /** The spec's {@code replace(key, value)}. */
  boolean replace(K key, V value) {
    return replace(key, value, step -> true, counters.start()).applied();
  }

  /** The spec's {@code getAndReplace}: the value replaced, or null if there was no live entry. */
  @SuppressWarnings("unchecked")
  V getAndReplace(K key, V value) {
    long started = counters.start();
    Decision decision = replace(key, value, step -> true, started);
    counters.getTime(started);
    return decision.applied() ? (V) store.previousValue(decision) : null;
  }

  /**
   * Replaces the value of a live entry that {@code matches}; fires UPDATED, or EXPIRED when the
   * update expiry has passed already. A store-by-reference cache starts from the record its L1
   * holds: one round trip when that is still the entry. Counts a get, and a put if it replaced.
   */
  private Decision replace(K key, V value, Predicate<Step> matches, long started) {
    Object tk = encoder.key(key);
    Object base = encoder.record(value, Long.MAX_VALUE);
    Plan plan = step -> {
      if (!step.live()) {
        return step.keep();
      }
      if (!matches.test(step)) {
        return step.accessed(expiry);
      }
      long expiresAt = expiry.update(key, value, step.expiresAt(), step.now());
      writer.write(key, value);
      return expiresAt <= step.now() ? step.remove() : step.store(encoder.restamp(base, expiresAt));
    };
    Decision decision = store.mutate(key, tk,
        writer.active() ? TieredStore.Mode.LOCKED : TieredStore.Mode.CAS_FROM_L1, value, plan);
    counters.l2Read(decision.found());
    if (decision.applied()) {
      counters.puts(1);
      counters.putTime(started);
      events.dispatch(decision.stored() != null ? Change.updated(key, tk, decision.stored(), decision.previous())
          : Change.expired(key, tk, decision.previous()));
    }
    return decision;
  }
}
