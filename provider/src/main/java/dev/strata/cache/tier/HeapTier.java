package dev.strata.cache.tier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The store of a store-by-reference cache: the caller's own key and value instances in a map on
 * this JVM's heap. By-reference means that the instances a caller put are the ones it gets back,
 * which only the JVM holding them can offer, so these caches are not shared through Hazelcast.
 * Every mutation takes a striped key lock, so {@link #lock} excludes other writers as Hazelcast's
 * key lock does. Thread-safe.
 */
public final class HeapTier implements RemoteTier {

  private static final int STRIPES = 64;

  private final ConcurrentHashMap<Object, HeapRecord> map = new ConcurrentHashMap<>();
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  public HeapTier() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** A value and its expiry; compared by identity. */
  private record HeapRecord(Object value, long expiresAt) {
    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  private ReentrantLock lockFor(Object key) {
    int h = key.hashCode();
    return locks[(h ^ (h >>> 16)) & (STRIPES - 1)];
  }

  @Override
  public Object key(Object key) {
    return key;
  }

  @Override
  public Object appKey(Object tierKey) {
    return tierKey;
  }

  @Override
  public Object record(Object value, long expiresAt) {
    return new HeapRecord(value, expiresAt);
  }

  @Override
  public Object restamp(Object record, long expiresAt) {
    return new HeapRecord(((HeapRecord) record).value, expiresAt);
  }

  @Override
  public long expiresAt(Object record) {
    return ((HeapRecord) record).expiresAt;
  }

  @Override
  public Object value(Object record) {
    return ((HeapRecord) record).value;
  }

  @Override
  public long rejectedPayloads() {
    return 0;
  }

  @Override
  public Object get(Object key) {
    return map.get(key);
  }

  @Override
  public List<Object> getAll(List<Object> keys) {
    List<Object> records = new ArrayList<>(keys.size());
    for (Object key : keys) {
      records.add(map.get(key));
    }
    return records;
  }

  @Override
  public void set(Object key, Object record) {
    put(key, record);
  }

  @Override
  public Object put(Object key, Object record) {
    ReentrantLock lock = lockFor(key);
    lock.lock();
    try {
      return map.put(key, (HeapRecord) record);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Object putIfAbsent(Object key, Object record) {
    ReentrantLock lock = lockFor(key);
    lock.lock();
    try {
      return map.putIfAbsent(key, (HeapRecord) record);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean replace(Object key, Object expected, Object record) {
    ReentrantLock lock = lockFor(key);
    lock.lock();
    try {
      return map.replace(key, (HeapRecord) expected, (HeapRecord) record);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean remove(Object key, Object expected) {
    ReentrantLock lock = lockFor(key);
    lock.lock();
    try {
      return map.remove(key, expected);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Object remove(Object key) {
    ReentrantLock lock = lockFor(key);
    lock.lock();
    try {
      return map.remove(key);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void lock(Object key) {
    lockFor(key).lock();
  }

  @Override
  public void unlock(Object key) {
    lockFor(key).unlock();
  }

  @Override
  public void clear() {
    map.clear();
  }

  @Override
  public void destroy() {
    map.clear();
  }

  @Override
  public List<Object> keys() {
    return new ArrayList<>(map.keySet());
  }

  @Override
  public boolean distributed() {
    return false;
  }

  @Override
  public AutoCloseable onChange(Changes changes) {
    return () -> { };
  }

  @Override
  public void publish(byte[] message) {
  }

  @Override
  public AutoCloseable onMessage(Consumer<byte[]> handler) {
    return () -> { };
  }
}
