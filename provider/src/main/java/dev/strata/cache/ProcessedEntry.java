package dev.strata.cache;

import java.util.Objects;
import java.util.function.Function;
import javax.cache.processor.MutableEntry;

/**
 * The {@link MutableEntry} an {@code EntryProcessor} works on. Changes are buffered and reduced
 * to one net {@link Action}, which the cache applies after the processor returns normally (under
 * the key lock). Not thread-safe: one processor call at a time.
 */
final class ProcessedEntry<K, V> implements MutableEntry<K, V> {

  /** What the processor did, net. */
  enum Action {
    /** Nothing observable. */
    NONE,
    /** Read the existing value (access expiry applies). */
    READ,
    /** Loaded a missing value through the loader. */
    LOAD,
    /** Set a value where there was none. */
    CREATE,
    /** Set a value over an existing one. */
    UPDATE,
    /** Removed the entry. */
    REMOVE
  }

  private final K key;
  private final Function<Object, V> decoder;
  private final Function<K, V> loader;
  private Object original;
  private V originalValue;
  private boolean decoded;
  private V newValue;
  private Action action = Action.NONE;
  private Object returned;

  /**
   * @param decoder turns a record into a value
   * @param loader  loads a missing value, or null without read-through
   */
  ProcessedEntry(K key, Function<Object, V> decoder, Function<K, V> loader) {
    this.key = key;
    this.decoder = decoder;
    this.loader = loader;
  }

  /** Starts over on the entry's current record (null if absent); used again on a retry. */
  void reset(Object record) {
    original = record;
    originalValue = null;
    decoded = false;
    newValue = null;
    action = Action.NONE;
  }

  Action action() {
    return action;
  }

  /** Keeps what the processor returned, for the caller of {@code invoke}. */
  void returned(Object result) {
    returned = result;
  }

  Object returned() {
    return returned;
  }

  V newValue() {
    return newValue;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public boolean exists() {
    switch (action) {
      case CREATE:
      case UPDATE:
      case LOAD:
        return true;
      case REMOVE:
        return false;
      default:
        return original != null;
    }
  }

  @Override
  public V getValue() {
    switch (action) {
      case CREATE:
      case UPDATE:
      case LOAD:
        return newValue;
      case REMOVE:
        return null;
      default:
        break;
    }
    if (original != null) {
      action = Action.READ;
      if (!decoded) {
        originalValue = decoder.apply(original);
        decoded = true;
      }
      return originalValue;
    }
    if (loader != null) {
      V loaded = loader.apply(key);
      if (loaded != null) {
        newValue = loaded;
        action = Action.LOAD;
      }
      return loaded;
    }
    return null;
  }

  @Override
  public void setValue(V value) {
    Objects.requireNonNull(value, "an entry processor cannot set a null value; use remove()");
    newValue = value;
    action = original != null ? Action.UPDATE : Action.CREATE;
  }

  @Override
  public void remove() {
    newValue = null;
    if (original == null && (action == Action.CREATE || action == Action.LOAD)) {
      action = Action.NONE;
    } else {
      action = Action.REMOVE;
    }
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    throw new IllegalArgumentException("A Strata MutableEntry cannot be unwrapped to " + clazz.getName());
  }
}
