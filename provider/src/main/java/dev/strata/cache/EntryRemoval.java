package dev.strata.cache;

import dev.strata.cache.event.Change;
import dev.strata.cache.event.EventDispatcher;
import dev.strata.cache.tier.Decision;
import dev.strata.cache.tier.Encoder;
import dev.strata.cache.tier.TieredStore;
import java.util.ArrayList;
import java.util.List;
import javax.cache.integration.CacheWriterException;

/**
 * How entries leave a cache on request: one key (through the writer when asked), a batch, every key
 * under a prefix, or every entry of a tag. Each removal goes through the store's removal path, so
 * every JVM's L1 drops it, and fires REMOVED (or EXPIRED for an entry that had expired). Group
 * invalidations never call the writer: they drop cached copies, not the data behind them. The
 * conditional {@code remove(key, oldValue)} runs as a replace does, in {@link EntryWriting}. Thread-safe.
 */
final class EntryRemoval<K, V> {

  private final String cacheName;
  private final TieredStore<K> store;
  private final Encoder encoder;
  private final JCacheWriter<K, V> writer;
  private final Counters counters;
  private final EventDispatcher<K, V> events;

  EntryRemoval(String cacheName, TieredStore<K> store, Encoder encoder, JCacheWriter<K, V> writer, Counters counters,
               EventDispatcher<K, V> events) {
    this.cacheName = cacheName;
    this.store = store;
    this.encoder = encoder;
    this.writer = writer;
    this.counters = counters;
    this.events = events;
  }

  /** The spec's {@code remove(key)}: writer first, if there is one; counts a removal if the entry was live. */
  boolean remove(K key) {
    long started = counters.start();
    Decision removed = one(key, true);
    if (removed.live() != null) {
      counters.removals(1);
      counters.removeTime(started);
    }
    return removed.live() != null;
  }

  /** The spec's {@code getAndRemove}: the value removed, or null if there was no live entry. */
  @SuppressWarnings("unchecked")
  V getAndRemove(K key) {
    long started = counters.start();
    Decision removed = one(key, true);
    counters.l2Read(removed.found());
    counters.getTime(started);
    if (!removed.found()) {
      return null;
    }
    counters.removals(1);
    counters.removeTime(started);
    return (V) store.previousValue(removed);
  }

  /** Removes a key (writer first, if asked and there is one); the decision says what was there. */
  private Decision one(K key, boolean callWriter) {
    return one(key, encoder.key(key), callWriter);
  }

  private Decision one(K key, Object tk, boolean callWriter) {
    Decision decision = writer.active() && callWriter
        ? store.mutate(key, tk, TieredStore.Mode.LOCKED, null, step -> {
          writer.delete(key);
          return step.remove();
        })
        : store.remove(key, tk);
    if (decision.previous() != null) {
      events.dispatch(decision.found() ? Change.removed(key, tk, decision.previous())
          : Change.expired(key, tk, decision.previous()));
    }
    return decision;
  }

  /** The spec's {@code removeAll()}: every key L2 holds now, as one batch for the writer. */
  @SuppressWarnings("unchecked")
  void all() {
    List<K> keys = new ArrayList<>();
    for (Object tk : store.keys()) {
      keys.add((K) encoder.appKey(tk));
    }
    all(keys, false);
  }

  /** The spec's {@code removeAll}: the writer deletes the batch first; what it could not delete stays. */
  void all(List<K> keys, boolean alwaysCallWriter) {
    long started = counters.start();
    List<K> toRemove = new ArrayList<>(keys);
    CacheWriterException failure = writer.deleteAll(keys, toRemove, alwaysCallWriter);
    long removed = 0;
    for (K key : toRemove) {
      removed += one(key, false).found() ? 1 : 0;
    }
    counters.removals(removed);
    if (removed > 0) {
      counters.removeTime(started);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** @return how many live entries under {@code prefix} it removed */
  @SuppressWarnings("unchecked")
  long underPrefix(String prefix) {
    if (!store.indexesKeys()) {
      throw new IllegalStateException("Cache '" + cacheName + "' keeps no index of its keys, so it cannot invalidate "
          + "the keys under '" + prefix + "'. Set strata.cache." + cacheName + ".prefix-invalidation=true (a "
          + "String-keyed cache then pays one more write per put)");
    }
    long removed = 0;
    for (String key : store.takeUnder(prefix)) {
      removed += one((K) key, false).found() ? 1 : 0;
    }
    return removed;
  }

  /** @return how many live entries tagged {@code tag} it removed */
  @SuppressWarnings("unchecked")
  long tagged(String tag) {
    long removed = 0;
    for (Object tk : store.takeTagged(tag)) {
      removed += one((K) encoder.appKey(tk), tk, false).found() ? 1 : 0;
    }
    return removed;
  }
}
