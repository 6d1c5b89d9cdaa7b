package dev.strata.cache;

import javax.cache.Cache;

/**
 * A key and value handed out by Strata's iterator and to {@code CacheWriter}s. Immutable.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class StrataCacheEntry<K, V> implements Cache.Entry<K, V> {

  private final K key;
  private final V value;

  public StrataCacheEntry(K key, V value) {
    this.key = key;
    this.value = value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    return value;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("A Strata cache entry cannot be unwrapped to " + clazz.getName()
        + "; it can be unwrapped to " + StrataCacheEntry.class.getName());
  }

  @Override
  public String toString() {
    return "Entry[" + key + "=" + value + "]";
  }
}
