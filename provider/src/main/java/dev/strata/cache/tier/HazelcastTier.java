package dev.strata.cache.tier;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import dev.strata.cache.config.ProviderSettings;
import dev.strata.cache.copy.Codec;
import dev.strata.cache.copy.RejectedClassException;
import dev.strata.cache.copy.UndecodableException;
import dev.strata.cache.internal.Clock;
import dev.strata.cache.internal.Record;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javax.cache.CacheException;

/**
 * L2 on a Hazelcast {@code IMap<byte[], byte[]>}: keys and {@link Record records} are plain bytes,
 * so members never need application (or Strata) classes. Hazelcast's own per-entry TTL is set a
 * little past each record's expiry, only to collect entries nobody reads again. Thread-safe.
 */
public final class HazelcastTier implements RemoteTier {

  /** How long past its JSR-107 expiry Hazelcast keeps a record, covering clock skew between JVMs. */
  static final long GC_GRACE_MILLIS = 5_000;
  /** The operator's key for classes to decode besides the JDK's and the application's. */
  static final String ALLOW_KEY = "strata.serialization.allow";

  private final long staleWindowMillis;
  private final String cacheName;
  private final IMap<byte[], byte[]> map;
  private final ITopic<byte[]> topic;
  private final Codec codec;
  private final Clock clock;
  private final LongAdder rejectedPayloads = new LongAdder();
  /** Stamped on every record this tier writes, so that its own entry events are known as its own. */
  private final long origin = UUID.randomUUID().getMostSignificantBits() | 1;
  private final boolean requireSerializable;
  private final BiFunction<String, RuntimeException, ? extends CacheException> unavailable;

  /**
   * @param requireSerializable whether keys and values must be {@code Serializable}: true for
   *     store-by-value caches; a store-by-reference cache encodes any object by its fields
   * @param unavailable       the exception a failed Hazelcast call becomes, given the message and
   *     Hazelcast's exception: the provider's public {@code L2UnavailableException}
   */
  public HazelcastTier(String cacheName, IMap<byte[], byte[]> map, ITopic<byte[]> topic, Codec codec, Clock clock,
                       boolean requireSerializable, BiFunction<String, RuntimeException, ? extends CacheException> unavailable) {
    this(cacheName, map, topic, codec, clock, requireSerializable, unavailable, 0);
  }

  /**
   * @param staleWindowMillis how long past their expiry records stay in L2 to be served when their
   *     reload fails (stale-if-error); 0 for none
   */
  public HazelcastTier(String cacheName, IMap<byte[], byte[]> map, ITopic<byte[]> topic, Codec codec, Clock clock,
                       boolean requireSerializable, BiFunction<String, RuntimeException, ? extends CacheException> unavailable,
                       long staleWindowMillis) {
    this.staleWindowMillis = staleWindowMillis;
    this.requireSerializable = requireSerializable;
    this.unavailable = unavailable;
    this.cacheName = cacheName;
    this.map = map;
    this.topic = topic;
    this.codec = codec;
    this.clock = clock;
  }

  @Override
  public Object key(Object key) {
    return codec.encodeKey(key, requireSerializable);
  }

  @Override
  public Object appKey(Object tierKey) {
    try {
      return codec.decode((byte[]) tierKey, 0);
    } catch (RejectedClassException e) {
      throw rejected("a key", e);
    } catch (UndecodableException e) {
      throw new CacheException("Cache '" + cacheName + "' read a key it cannot decode: " + e.getMessage()
          + ". Another version of Strata may write to the same Hazelcast cluster: run one version per cluster", e);
    }
  }

  @Override
  public Object record(Object value, long expiresAt) {
    return Record.of(codec, value, requireSerializable, expiresAt, gcTtl(expiresAt), clock.millis(), origin);
  }

  @Override
  public Object restamp(Object record, long expiresAt) {
    return Record.restamp((byte[]) record, expiresAt, gcTtl(expiresAt), clock.millis(), origin);
  }

  @Override
  public long expiresAt(Object record) {
    return Record.expiresAt((byte[]) record);
  }

  @Override
  public long writtenAt(Object record) {
    return Record.writtenAt((byte[]) record);
  }

  /** The record's bytes, less its header, plus about 100 bytes of entry: Caffeine's node, the key, the entry object. */
  @Override
  public int weight(Object record) {
    return ((byte[]) record).length - Record.HEADER + 100;
  }

  @Override
  public Object value(Object record) {
    byte[] bytes = (byte[]) record;
    if (Record.version(bytes) != Record.VERSION) {
      throw new CacheException("Cache '" + cacheName + "' read an entry in Strata's L2 format " + Record.version(bytes)
          + ", and this version of Strata reads format " + Record.VERSION + " only. JVMs running another version of "
          + "Strata write to the same Hazelcast cluster: run one version per cluster, or clear the cache");
    }
    try {
      return Record.value(codec, bytes);
    } catch (RejectedClassException e) {
      throw rejected("a value", e);
    } catch (UndecodableException e) {
      throw new CacheException("Cache '" + cacheName + "' read an entry it cannot decode: " + e.getMessage(), e);
    }
  }

  /**
   * Counts a payload the allow-list refused and names what to change. Nothing of the payload was
   * instantiated: the codec checks each class before it creates an object of it.
   */
  private CacheException rejected(String what, RejectedClassException e) {
    rejectedPayloads.increment();
    return new CacheException("Cache '" + cacheName + "' refused to decode " + what + " read from Hazelcast: it holds "
        + "class " + e.className() + ", which is neither a JDK value type nor one of the application's classes. "
        + "If the application stores it, add it to the Strata property '" + ALLOW_KEY + "' (" + e.allowEntries() + ")", e);
  }

  @Override
  public long rejectedPayloads() {
    return rejectedPayloads.sum();
  }

  /** @return the Hazelcast TTL for a record expiring at {@code expiresAt}; 0 means none */
  private long gcTtl(long expiresAt) {
    if (expiresAt == Long.MAX_VALUE) {
      return 0;
    }
    return Saturated.add(Math.max(1, expiresAt - clock.millis()) + GC_GRACE_MILLIS, staleWindowMillis);
  }

  @Override
  public Object get(Object key) {
    try {
      return map.get((byte[]) key);
    } catch (RuntimeException e) {
      throw failure("read an entry", e);
    }
  }

  @Override
  public Object get(Object key, long timeoutNanos) {
    try {
      return map.getAsync((byte[]) key).toCompletableFuture().get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw unavailable.apply("Cache '" + cacheName + "' got no answer from Hazelcast (map " + map.getName()
          + ") within " + java.time.Duration.ofNanos(timeoutNanos) + " (l2.timeout): a member may be paused or "
          + "overloaded. The caller goes on without the cache; raise strata.cache." + cacheName + ".l2.timeout if the "
          + "cluster is just slow", new com.hazelcast.core.OperationTimeoutException("no answer within "
          + java.time.Duration.ofNanos(timeoutNanos)));
    } catch (java.util.concurrent.ExecutionException e) {
      throw failure("read an entry", e.getCause() instanceof RuntimeException cause ? cause
          : new com.hazelcast.core.HazelcastException(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("read an entry", new com.hazelcast.core.HazelcastException("interrupted", e));
    } catch (RuntimeException e) {
      // thrown before the request left (the instance stopped, the key could not be serialized)
      throw failure("read an entry", e);
    }
  }

  @Override
  public List<Object> getAll(List<Object> keys) {
    Set<byte[]> request = new LinkedHashSet<>();
    for (Object key : keys) {
      request.add((byte[]) key);
    }
    Map<ByteBuffer, byte[]> found = new HashMap<>();
    try {
      map.getAll(request).forEach((k, v) -> found.put(ByteBuffer.wrap(k), v));
    } catch (RuntimeException e) {
      throw failure("read " + keys.size() + " entries", e);
    }
    List<Object> records = new ArrayList<>(keys.size());
    for (Object key : keys) {
      records.add(found.get(ByteBuffer.wrap((byte[]) key)));
    }
    return records;
  }

  @Override
  public void set(Object key, Object record) {
    try {
      map.set((byte[]) key, (byte[]) record, Record.gcTtl((byte[]) record), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      throw failure("write an entry", e);
    }
  }

  @Override
  public Object put(Object key, Object record) {
    try {
      return map.put((byte[]) key, (byte[]) record, Record.gcTtl((byte[]) record), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      throw failure("write an entry", e);
    }
  }

  @Override
  public Object putIfAbsent(Object key, Object record) {
    try {
      return map.putIfAbsent((byte[]) key, (byte[]) record, Record.gcTtl((byte[]) record), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      throw failure("write an entry", e);
    }
  }

  /**
   * Hazelcast's {@code replace(k, old, new)} takes no TTL and gives the entry the map's default
   * (none, for Strata's maps). That suits an eternal record; a record that expires is swapped under
   * the key lock instead, with its own TTL, so Hazelcast can collect it once nobody reads it.
   */
  @Override
  public boolean replace(Object key, Object expected, Object record) {
    byte[] k = (byte[]) key;
    byte[] old = (byte[]) expected;
    byte[] next = (byte[]) record;
    long ttl = Record.gcTtl(next);
    try {
      if (ttl == 0) {
        return map.replace(k, old, next);
      }
      map.lock(k);
      try {
        if (!Arrays.equals(map.get(k), old)) {
          return false;
        }
        map.set(k, next, ttl, TimeUnit.MILLISECONDS);
        return true;
      } finally {
        map.unlock(k);
      }
    } catch (RuntimeException e) {
      throw failure("replace an entry", e);
    }
  }

  @Override
  public boolean remove(Object key, Object expected) {
    try {
      return map.remove((byte[]) key, (byte[]) expected);
    } catch (RuntimeException e) {
      throw failure("remove an entry", e);
    }
  }

  @Override
  public Object remove(Object key) {
    try {
      return map.remove((byte[]) key);
    } catch (RuntimeException e) {
      throw failure("remove an entry", e);
    }
  }

  @Override
  public void lock(Object key) {
    try {
      map.lock((byte[]) key);
    } catch (RuntimeException e) {
      throw failure("lock a key", e);
    }
  }

  @Override
  public void unlock(Object key) {
    try {
      map.unlock((byte[]) key);
    } catch (RuntimeException e) {
      throw failure("unlock a key", e);
    }
  }

  @Override
  public void clear() {
    try {
      map.clear();
    } catch (RuntimeException e) {
      throw failure("clear", e);
    }
  }

  @Override
  public void destroy() {
    try {
      map.destroy();
      topic.destroy();
    } catch (RuntimeException e) {
      throw failure("destroy its map", e);
    }
  }

  @Override
  public List<Object> keys() {
    try {
      return new ArrayList<>(map.keySet());
    } catch (RuntimeException e) {
      throw failure("list its keys", e);
    }
  }

  @Override
  public long size() {
    try {
      return map.size();
    } catch (RuntimeException e) {
      throw failure("count its entries", e);
    }
  }

  @Override
  public boolean sameRecord(Object a, Object b) {
    return Arrays.equals((byte[]) a, (byte[]) b);
  }

  @Override
  public AutoCloseable onChange(Changes changes) {
    try {
      // with values: the record's header says who wrote it and when
      UUID id = map.addEntryListener(new ChangeListener(changes, origin), true);
      return () -> map.removeEntryListener(id);
    } catch (RuntimeException e) {
      throw failure("listen for changes", e);
    }
  }

  @Override
  public void publish(byte[] message) {
    try {
      topic.publishAsync(message);
    } catch (RuntimeException e) {
      throw failure("publish an event", e);
    }
  }

  @Override
  public AutoCloseable onMessage(Consumer<byte[]> handler) {
    try {
      UUID id = topic.addMessageListener(message -> handler.accept(message.getMessageObject()));
      return () -> topic.removeMessageListener(id);
    } catch (RuntimeException e) {
      throw failure("listen for events", e);
    }
  }

  /**
   * The spec's {@code CacheException}, as the provider's {@code L2UnavailableException}, for a Hazelcast call
   * that failed, naming the cache, what it tried and the fix. Everything this tier calls is
   * Hazelcast, never application code, so any runtime exception here is an L2 failure.
   */
  private CacheException failure(String action, RuntimeException e) {
    String what = "Cache '" + cacheName + "' could not " + action + " in Hazelcast (map " + map.getName() + "): "
        + e.getClass().getSimpleName() + ": " + e.getMessage() + ". ";
    if (e instanceof HazelcastInstanceNotActiveException || e instanceof HazelcastClientNotActiveException) {
      return unavailable.apply(what + "Its Hazelcast instance has stopped and this cache manager cannot use it again:"
          + " close the cache managers of this URI (or restart the application) to start a new one", e);
    }
    return unavailable.apply(what + "Check that the cluster's members are running and reachable ('"
        + ProviderSettings.MEMBERS + "', '" + ProviderSettings.CLUSTER_NAME + "'); the cache works again once they answer", e);
  }
}
