package dev.strata.cache;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * The spec's checks of what an application passes to a cache: {@code NullPointerException} for
 * null keys and values, {@code ClassCastException} for a type the configuration does not allow,
 * each naming the cache and the types. Immutable.
 */
final class JCacheArguments<K, V> {

  private final String cacheName;
  private final Class<K> keyType;
  private final Class<V> valueType;

  JCacheArguments(String cacheName, Class<K> keyType, Class<V> valueType) {
    this.cacheName = cacheName;
    this.keyType = keyType;
    this.valueType = valueType;
  }

  void keys(Set<? extends K> keys) {
    Objects.requireNonNull(keys, "keys");
    for (K key : keys) {
      key(key);
    }
  }

  void key(K key) {
    if (key == null) {
      throw new NullPointerException("Cache '" + cacheName + "' does not accept null keys");
    }
    if (keyType != Object.class && !keyType.isInstance(key)) {
      throw new ClassCastException("Cache '" + cacheName + "' has key type " + keyType.getName()
          + ", but got a key of " + key.getClass().getName());
    }
  }

  /** Tags name groups of entries: none may be null or blank. */
  void tags(Collection<String> tags) {
    Objects.requireNonNull(tags, "tags");
    for (String tag : tags) {
      if (tag == null) {
        throw new NullPointerException("Cache '" + cacheName + "' does not accept null tags");
      }
      if (tag.isBlank()) {
        throw new IllegalArgumentException("Cache '" + cacheName + "' got a blank tag in " + tags
            + "; a tag names a group of entries, such as user:42");
      }
    }
  }

  /** A key and the value that goes with it, checked in that order. */
  void entry(K key, V value) {
    key(key);
    value(value);
  }

  void value(V value) {
    if (value == null) {
      throw new NullPointerException("Cache '" + cacheName + "' does not accept null values");
    }
    if (valueType != Object.class && !valueType.isInstance(value)) {
      throw new ClassCastException("Cache '" + cacheName + "' has value type " + valueType.getName()
          + ", but got a value of " + value.getClass().getName());
    }
  }
}
