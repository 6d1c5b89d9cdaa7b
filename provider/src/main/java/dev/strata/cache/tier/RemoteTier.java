package dev.strata.cache.tier;

import dev.strata.cache.event.EventChannel;
import java.util.List;

/**
 * The authoritative store of a cache, shared by the cluster. Keys and records are opaque to the
 * cache: the Hazelcast tier keeps encoded bytes, for store-by-value and store-by-reference caches
 * alike. Conditional operations compare records byte for byte. Every mutation waits for a key
 * {@link #lock} held by another thread. Thread-safe.
 */
public interface RemoteTier extends EventChannel {

  /** @return the tier's form of an application key */
  Object key(Object key);

  /**
   * Builds a record of {@code value} that expires at {@code expiresAt} (epoch ms,
   * {@link Long#MAX_VALUE} for never).
   */
  Object record(Object value, long expiresAt);

  /** @return a record with the same value and another expiry */
  Object restamp(Object record, long expiresAt);

  /** @return the JSR-107 expiry instant of a record */
  long expiresAt(Object record);

  /** @return when a record was written (epoch ms, the writer's clock), 0 if unknown */
  long writtenAt(Object record);

  /**
   * @return about what L1 holds for this record, in bytes: the encoded size, which a copy or a
   *     decoded value stays near, plus the entry's own overhead
   */
  int weight(Object record);

  /** @return how many keys and values read from L2 the serialization allow-list refused */
  long rejectedPayloads();

  Object get(Object key);

  /**
   * As {@link #get(Object)}, waiting at most {@code timeoutNanos} for the answer.
   *
   * @throws javax.cache.CacheException whose cause is Hazelcast's {@code OperationTimeoutException} when
   *     no answer came in time
   */
  default Object get(Object key, long timeoutNanos) {
    return get(key);
  }

  /** @return the records of the keys, in the same order, null where absent */
  List<Object> getAll(List<Object> keys);

  void set(Object key, Object record);

  /** @return the previous record, or null */
  Object put(Object key, Object record);

  /** @return null if stored, else the record already there */
  Object putIfAbsent(Object key, Object record);

  /** @return whether the key held {@code expected} and now holds {@code record} */
  boolean replace(Object key, Object expected, Object record);

  /** @return whether the key held {@code expected} and was removed */
  boolean remove(Object key, Object expected);

  /** @return the removed record, or null */
  Object remove(Object key);

  /** Takes the key's cluster-wide lock; reentrant, owned by the calling thread. */
  void lock(Object key);

  void unlock(Object key);

  /** Removes every entry, without events for single entries. */
  void clear();

  /** Removes every entry and frees the store for good. */
  void destroy();

  /** @return a snapshot of the tier keys */
  List<Object> keys();

  /** @return the number of entries, expired ones not yet removed included; a cluster round trip */
  long size();

  /** @return whether two records are the same write: byte for byte, value and stamps alike */
  boolean sameRecord(Object a, Object b);

  /**
   * Subscribes to changes made by anyone in the cluster, this tier's own writes included.
   *
   * @return a handle that unsubscribes
   */
  AutoCloseable onChange(Changes changes);

  /** What {@link #onChange} reports; called on the tier's event threads. */
  interface Changes {
    /**
     * An entry was added, updated, removed, evicted or expired.
     *
     * @param tierKey   the entry's key
     * @param writtenAt when the writer wrote it (epoch ms, the writer's clock), or 0 if unknown (removals)
     * @param ownWrite  whether this very tier wrote it
     */
    void changed(Object tierKey, long writtenAt, boolean ownWrite);

    /** The whole store was cleared or evicted. */
    void changedAll();
  }
}
