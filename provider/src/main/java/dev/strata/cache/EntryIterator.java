package dev.strata.cache;

import dev.strata.cache.tier.TieredStore;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.cache.Cache;

/**
 * Walks a snapshot of a cache's keys, reading each entry from L2 when it is reached and skipping
 * those gone or expired by then. Each entry returned counts as an L2 hit. Not thread-safe.
 */
final class EntryIterator<K, V> implements Iterator<Cache.Entry<K, V>> {

  private final StrataCache<K, V> cache;
  private final TieredStore<K> store;
  private final Counters counters;
  private final Iterator<Object> keys;
  private Cache.Entry<K, V> next;
  private K last;

  EntryIterator(StrataCache<K, V> cache, TieredStore<K> store, Counters counters, List<Object> keys) {
    this.cache = cache;
    this.store = store;
    this.counters = counters;
    this.keys = keys.iterator();
  }

  @Override
  @SuppressWarnings("unchecked")
  public boolean hasNext() {
    requireOpen();
    while (next == null && keys.hasNext()) {
      Map.Entry<K, Object> entry = store.entry(keys.next());
      if (entry != null) {
        next = new StrataCacheEntry<>(entry.getKey(), (V) entry.getValue());
      }
    }
    return next != null;
  }

  @Override
  public Cache.Entry<K, V> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more entries in cache '" + cache.getName() + "'");
    }
    Cache.Entry<K, V> entry = next;
    next = null;
    last = entry.getKey();
    counters.l2Hit();
    return entry;
  }

  @Override
  public void remove() {
    requireOpen();
    if (last == null) {
      throw new IllegalStateException("Iterator of cache '" + cache.getName() + "': call next() before remove()");
    }
    cache.remove(last);
    last = null;
  }

  private void requireOpen() {
    if (cache.isClosed()) {
      throw new IllegalStateException("Cache '" + cache.getName() + "' is closed; get it again from its CacheManager");
    }
  }
}
