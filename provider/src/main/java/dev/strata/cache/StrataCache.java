package dev.strata.cache;

import dev.strata.cache.config.CacheSettings;
import dev.strata.cache.config.SerializationSettings;
import dev.strata.cache.copy.Codec;
import dev.strata.cache.copy.CopyStrategy;
import dev.strata.cache.copy.ImmutableTypes;
import dev.strata.cache.copy.NotSerializableValueException;
import dev.strata.cache.copy.RejectedClassException;
import dev.strata.cache.event.Change;
import dev.strata.cache.event.EventDispatcher;
import dev.strata.cache.internal.Clock;
import dev.strata.cache.management.CacheCoherence;
import dev.strata.cache.management.CacheConfigurationBean;
import dev.strata.cache.management.CacheCounters;
import dev.strata.cache.management.MBeans;
import dev.strata.cache.tier.LocalTier;
import dev.strata.cache.tier.LocalValue;
import dev.strata.cache.tier.RemoteTier;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JSR-107 cache whose entries live in a {@link RemoteTier} (Hazelcast, authoritative) with a
 * {@link LocalTier} (Caffeine, L1) in front. Every JSR-107 semantic — expiry, loaders, writers,
 * entry processors, listeners, statistics — is evaluated here, in the calling JVM.
 *
 * <p>Reads look in L1, then reserve the key and read L2, publishing into L1 only if no
 * invalidation arrived meanwhile. Writes go to L2 first and invalidate L1 afterwards. Operations
 * that must call application code exactly once for a key (a {@code CacheWriter}, an
 * {@code EntryProcessor}) hold the key's cluster-wide lock; the others use L2's atomic
 * compare-and-set and may re-evaluate the expiry policy when they race.
 *
 * <p>Thread-safe. Departures from the spec: keys are equal when their serialized forms are
 * equal (as in Hazelcast); statistics count this JVM's operations only.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class StrataCache<K, V> implements Cache<K, V> {

  /** A read start not taken, for reads that need no staleness bound (no L1); see {@link #now(long)}. */
  private static final long NOT_READ = Long.MIN_VALUE;

  private static final System.Logger LOG = System.getLogger(StrataCache.class.getName());

  private final String name;
  private final StrataCacheManager manager;
  private final MutableConfiguration<K, V> configuration;
  private final Class<K> keyType;
  private final CacheSettings settings;
  private final RemoteTier tier;
  private final LocalTier<K> l1;
  private final Codec codec;
  private final ImmutableTypes immutableTypes;
  private final Clock clock;
  private final Executor executor;
  private final ExpiryPolicy expiry;
  private final boolean blindPuts;
  private final boolean accessKeepsExpiry;
  private final boolean l1Enabled;
  /** Store-by-reference: L1 hands out the instances it holds, and a write leaves the written instance in L1. */
  private final boolean byReference;
  private final CacheLoader<K, V> loader;
  private final CacheWriter<K, V> writer;
  private final CacheCounters counters = new CacheCounters();
  private final EventDispatcher<K, V> events;
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  private volatile boolean closed;

  @SuppressWarnings("unchecked")
  StrataCache(String name, StrataCacheManager manager, MutableConfiguration<K, V> configuration,
              CacheSettings settings, RemoteTier tier, LocalTier<K> l1, Codec codec, Clock clock, Executor executor) {
    this.name = name;
    this.manager = manager;
    this.configuration = configuration;
    this.keyType = configuration.getKeyType();
    this.settings = settings;
    this.tier = tier;
    this.l1 = l1;
    this.l1Enabled = l1.enabled();
    this.byReference = !configuration.isStoreByValue();
    this.codec = codec;
    this.immutableTypes = codec.immutableTypes();
    this.clock = clock;
    this.executor = executor;
    this.expiry = configuration.getExpiryPolicyFactory() == null ? new EternalExpiryPolicy()
        : configuration.getExpiryPolicyFactory().create();
    this.blindPuts = expiry.getClass() == EternalExpiryPolicy.class;
    // the spec's own policies that never change an entry's expiry on access: no call per hit
    this.accessKeepsExpiry = blindPuts || expiry.getClass() == CreatedExpiryPolicy.class
        || expiry.getClass() == ModifiedExpiryPolicy.class;
    this.loader = configuration.getCacheLoaderFactory() == null ? null
        : (CacheLoader<K, V>) configuration.getCacheLoaderFactory().create();
    this.writer = configuration.isWriteThrough() && configuration.getCacheWriterFactory() != null
        ? (CacheWriter<K, V>) configuration.getCacheWriterFactory().create() : null;
    this.events = new EventDispatcher<>(this, tier);
  }

  /** Registers listeners, invalidation and MXBeans; called once by the manager. */
  void start(AutoCloseable invalidation) {
    subscriptions.add(invalidation);
    for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
      events.register(listener);
    }
    counters.enabled(configuration.isStatisticsEnabled());
    if (configuration.isManagementEnabled()) {
      setManagement(true);
    }
    if (configuration.isStatisticsEnabled()) {
      setStatistics(true);
    }
  }

  // ---------------------------------------------------------------- reads

  @Override
  public V get(K key) {
    requireOpen();
    requireKey(key);
    long started = counters.start();
    V value;
    LocalValue local = l1.get(key);
    if (local != null) {
      // read before the L2 read below: a miss publishes with this instant as its read start
      long nanos = clock.nanos();
      if (local.servable(nanos)) {
        Duration access = accessDuration();
        if (access == null) {
          counters.l1Hits(1);
          value = localValue(local);
        } else {
          value = readL2(key, clock.millis(), nanos, access, true);
        }
      } else {
        counters.staleHitRefused();
        value = readL2(key, clock.millis(), nanos, null, false);
      }
    } else if (l1Enabled) {
      value = readL2(key, clock.millis(), clock.nanos(), null, false);
    } else {
      // without L1 no read start is needed for a staleness bound: the clock is read only if an entry can expire
      value = readL2(key, NOT_READ, NOT_READ, null, false);
    }
    counters.getTime(started);
    return value;
  }

  /** @return {@code now}, or the clock if {@code now} is {@link #NOT_READ} */
  private long now(long now) {
    return now == NOT_READ ? clock.millis() : now;
  }

  /**
   * The L1 hit test. It reads the monotonic clock itself, on the caller's thread: a clock that
   * another thread keeps would, after a stop-the-world pause or a frozen VM, still show the time
   * the stall began to whichever reader ran first, and entries would be served late.
   */
  private boolean servable(LocalValue local, long nanos) {
    return local != null && local.servable(nanos);
  }

  /** Reads L2 for a key that L1 could not serve; loads on a miss if read-through. */
  private V readL2(K key, long now, long startNanos, Duration knownAccess, boolean accessKnown) {
    Object tk = tierKey(key);
    Object token = l1.reserve(l1Key(key));
    try {
      Object record = tier.get(tk);
      if (record != null) {
        long expiresAt = tier.expiresAt(record);
        // an eternal entry never expires, whatever the time: the clock is read only for the others
        if (expiresAt != Long.MAX_VALUE) {
          now = now(now);
          if (expiresAt <= now) {
            expire(key, tk, record);
            record = null;
          }
        }
      }
      if (record == null) {
        l1.cancel(key, token);
        counters.misses(1);
        return configuration.isReadThrough() && loader != null ? load(key, tk, now(now)) : null;
      }
      Duration access = accessKnown ? knownAccess : accessDuration();
      if (access != null) {
        now = now(now);
        record = touch(key, tk, record, access, now);
      }
      counters.l2Hits(1);
      V value = value(record);
      publish(key, token, record, value, now, startNanos);
      return value;
    } catch (RuntimeException | Error e) {
      l1.cancel(key, token);
      throw e;
    }
  }

  /** Applies access expiry to a record read from L2; returns the record now in L2 (or the old one if a writer raced). */
  private Object touch(K key, Object tk, Object record, Duration access, long now) {
    if (access == null) {
      return record;
    }
    long expiresAt = at(now, access);
    if (expiresAt == tier.expiresAt(record)) {
      return record;
    }
    Object touched = tier.restamp(record, expiresAt);
    if (tier.replace(tk, record, touched)) {
      l1.invalidate(key);
      return touched;
    }
    return record;
  }

  /**
   * Publishes what a read found into the reservation it took. The entry may be served until the
   * earlier of its expiry and {@code max-staleness} after the read started, both on the monotonic
   * clock: a wall-clock step after the read changes neither.
   *
   * @param now        the wall-clock time at the read's start (ms)
   * @param startNanos the monotonic time at the read's start, taken before the L2 read
   */
  private void publish(K key, Object token, Object record, Object value, long now, long startNanos) {
    if (token == null) {
      return;
    }
    long expiresAt = tier.expiresAt(record);
    if (expiresAt <= now) {
      l1.cancel(key, token);
      return;
    }
    long untilExpiry = expiresAt == Long.MAX_VALUE ? Long.MAX_VALUE
        : saturatedAdd(startNanos, saturatedMultiply(expiresAt - now, 1_000_000L));
    long serveUntil = Math.min(untilExpiry, saturatedAdd(startNanos, settings.maxStaleness().toNanos()));
    if (byReference) {
      l1.publish(key, token, new LocalValue(value, CopyStrategy.SHARE, serveUntil, record));
      return;
    }
    CopyStrategy strategy = immutableTypes.strategyFor(value);
    // the caller gets value itself: L1 keeps its own copy of anything it does not share
    Object held = switch (strategy) {
      case SHARE -> value;
      case DECODE -> record;
      default -> strategy.copy(value);
    };
    l1.publish(key, token, new LocalValue(held, strategy, serveUntil));
  }

  /**
   * A store-by-reference write's hold on L1: the entry L1 held before (so that an old value L2
   * hands back can be recognised as that instance), and the reservation the write publishes its
   * own instance into, taken before L2 is written, so that an invalidation from any other writer
   * in between voids it, as it voids a reader's.
   */
  private record Pin(LocalValue before, Object token, long startNanos) {
  }

  /** @return the write's hold on L1, or null for a store-by-value cache, whose writes only invalidate */
  private Pin pin(K key) {
    if (!byReference) {
      return null;
    }
    LocalValue before = l1.get(key);
    long startNanos = clock.nanos();
    return new Pin(before, l1.reserve(l1Key(key)), startNanos);
  }

  /**
   * Ends a write's hold on L1. A store-by-reference write that left {@code record} in L2 publishes
   * {@code instance} as that record; anything else (a store-by-value cache, a removal, a failure,
   * or a reservation another reader held) drops the key from L1.
   *
   * @param now the wall-clock time when the write started (ms)
   */
  private void settle(K key, Pin pin, Object record, Object instance, long now) {
    if (pin == null || pin.token() == null || record == null || instance == null) {
      l1.invalidate(key);
    } else {
      publish(key, pin.token(), record, instance, now, pin.startNanos());
    }
  }

  /** @return the instance a store-by-reference L1 entry holds for {@code record}, or null if it holds another or none */
  private Object heldFor(LocalValue before, Object record) {
    return before != null && record != null && before.record() != null && tier.sameRecord(before.record(), record)
        ? before.value() : null;
  }

  private static LocalValue before(Pin pin) {
    return pin == null ? null : pin.before();
  }

  /** @return the record a store-by-reference L1 held before a write, the likely record in L2; null if none */
  private static Object guess(Pin pin) {
    return pin == null || pin.before() == null ? null : pin.before().record();
  }

  /** @return the value of a record L2 handed back: the instance L1 held for it if the cache stores by reference */
  @SuppressWarnings("unchecked")
  private V oldValue(LocalValue before, Object record) {
    Object held = heldFor(before, record);
    return held != null ? (V) held : value(record);
  }

  /** Whether an entry's value equals what a conditional operation expects: {@code equals}, arrays by content. */
  private boolean matches(V expected, LocalValue before, Object record) {
    Object held = heldFor(before, record);
    return held == expected || Objects.deepEquals(expected, held != null ? held : value(record));
  }

  /** @return what an L1 hit hands out: the held value if it can be shared, else a copy of it */
  @SuppressWarnings("unchecked")
  private V localValue(LocalValue local) {
    CopyStrategy strategy = local.strategy();
    if (strategy == CopyStrategy.SHARE) {
      return (V) local.value();
    }
    return strategy == CopyStrategy.DECODE ? value(local.value()) : (V) strategy.copy(local.value());
  }

  private V load(K key, Object tk, long now) {
    V loaded = callLoader(key);
    if (loaded == null) {
      return null;
    }
    storeLoaded(key, tk, loaded, now, false);
    return loaded;
  }

  private V callLoader(K key) {
    try {
      return loader.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheLoaderException("The CacheLoader of cache '" + name + "' failed to load key " + key + ": " + e, e);
    }
  }

  /** Stores a loaded value without write-through or put statistics; fires CREATED or UPDATED. */
  private void storeLoaded(K key, Object tk, V value, long now, boolean replaceExisting) {
    Object base = record(value, Long.MAX_VALUE);
    Object[] outcome = new Object[2];
    try {
      casLoop(tk, old -> {
        boolean live = old != null && !isExpired(old, now);
        if (live && !replaceExisting) {
          outcome[0] = null;
          return KEEP;
        }
        long expiresAt = live ? updateExpiry(old, now) : creationExpiry(now);
        if (expiresAt <= now) {
          outcome[0] = null;
          return live ? DELETE : KEEP;
        }
        Object record = tier.restamp(base, expiresAt);
        outcome[0] = record;
        outcome[1] = live ? old : null;
        return record;
      });
    } finally {
      l1.invalidate(key);
    }
    if (outcome[0] != null) {
      events.dispatch(Change.written(key, tk, outcome[0], outcome[1]));
    }
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    requireOpen();
    Objects.requireNonNull(keys, "keys");
    for (K key : keys) {
      requireKey(key);
    }
    long started = counters.start();
    long now = clock.millis();
    long nanos = clock.nanos();
    Map<K, V> result = new LinkedHashMap<>();
    List<K> misses = new ArrayList<>();
    for (K key : keys) {
      LocalValue local = l1.get(key);
      if (servable(local, nanos)) {
        Duration access = accessDuration();
        if (access == null) {
          counters.l1Hits(1);
          result.put(key, localValue(local));
        } else {
          // the new expiry must be written to L2, with the duration already asked for
          V value = readL2(key, now, nanos, access, true);
          if (value != null) {
            result.put(key, value);
          }
        }
        continue;
      }
      misses.add(key);
    }
    if (!misses.isEmpty()) {
      readAll(misses, now, nanos, result);
    }
    counters.getTime(started);
    return result;
  }

  private void readAll(List<K> keys, long now, long startNanos, Map<K, V> result) {
    List<Object> tierKeys = new ArrayList<>(keys.size());
    List<Object> tokens = new ArrayList<>(keys.size());
    for (K key : keys) {
      tierKeys.add(tierKey(key));
      tokens.add(l1.reserve(l1Key(key)));
    }
    List<K> toLoad = new ArrayList<>();
    try {
      List<Object> records = tier.getAll(tierKeys);
      for (int i = 0; i < keys.size(); i++) {
        K key = keys.get(i);
        Object tk = tierKeys.get(i);
        Object record = records.get(i);
        if (record != null && isExpired(record, now)) {
          expire(key, tk, record);
          record = null;
        }
        if (record == null) {
          l1.cancel(key, tokens.get(i));
          tokens.set(i, null);
          counters.misses(1);
          toLoad.add(key);
          continue;
        }
        record = touch(key, tk, record, accessDuration(), now);
        counters.l2Hits(1);
        V value = value(record);
        publish(key, tokens.get(i), record, value, now, startNanos);
        tokens.set(i, null);
        result.put(key, value);
      }
    } finally {
      for (int i = 0; i < keys.size(); i++) {
        l1.cancel(keys.get(i), tokens.get(i));
      }
    }
    if (!toLoad.isEmpty() && configuration.isReadThrough() && loader != null) {
      Map<K, V> loaded;
      try {
        loaded = loader.loadAll(toLoad);
      } catch (CacheLoaderException e) {
        throw e;
      } catch (Exception e) {
        throw new CacheLoaderException("The CacheLoader of cache '" + name + "' failed to load keys " + toLoad + ": " + e, e);
      }
      if (loaded != null) {
        for (K key : toLoad) {
          V value = loaded.get(key);
          if (value != null) {
            storeLoaded(key, tierKey(key), value, now, false);
            result.put(key, value);
          }
        }
      }
    }
  }

  @Override
  public boolean containsKey(K key) {
    requireOpen();
    requireKey(key);
    long now = clock.millis();
    LocalValue local = l1.get(key);
    if (servable(local, clock.nanos())) {
      return true;
    }
    Object record = tier.get(tierKey(key));
    return record != null && !isExpired(record, now);
  }

  @Override
  public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
    requireOpen();
    Objects.requireNonNull(keys, "keys");
    for (K key : keys) {
      requireKey(key);
    }
    if (loader == null) {
      if (listener != null) {
        listener.onCompletion();
      }
      return;
    }
    List<K> requested = new ArrayList<>(keys);
    executor.execute(() -> {
      try {
        long now = clock.millis();
        List<K> toLoad = new ArrayList<>();
        for (K key : requested) {
          if (replaceExistingValues || !containsKey(key)) {
            toLoad.add(key);
          }
        }
        Map<K, V> loaded = toLoad.isEmpty() ? Map.of() : loader.loadAll(toLoad);
        if (loaded != null) {
          for (Map.Entry<K, V> entry : loaded.entrySet()) {
            if (entry.getKey() != null && entry.getValue() != null) {
              storeLoaded(entry.getKey(), tierKey(entry.getKey()), entry.getValue(), now, replaceExistingValues);
            }
          }
        }
        if (listener != null) {
          listener.onCompletion();
        }
      } catch (Exception e) {
        if (listener != null) {
          listener.onException(e instanceof CacheLoaderException ? e
              : new CacheLoaderException("loadAll of cache '" + name + "' failed: " + e, e));
        }
      }
    });
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void put(K key, V value) {
    requireOpen();
    requireKey(key);
    requireValue(value);
    long started = counters.start();
    write(key, value, false);
    counters.putTime(started);
  }

  @Override
  public V getAndPut(K key, V value) {
    requireOpen();
    requireKey(key);
    requireValue(value);
    long started = counters.start();
    Object tk = tierKey(key);
    Object base = record(value, Long.MAX_VALUE);
    // reserved only once nothing can fail before the write's finally
    Pin pin = pin(key);
    Object old = writeEncoded(key, value, tk, base, true, writer != null, pin);
    V result;
    if (old == null) {
      counters.misses(1);
      result = null;
    } else {
      counters.l2Hits(1);
      result = oldValue(before(pin), old);
    }
    counters.getTime(started);
    counters.putTime(started);
    return result;
  }

  /** Writes one entry, through the writer if there is one; returns the live record it replaced, or null. */
  private Object write(K key, V value, boolean wantOld) {
    return writeEncoded(key, value, tierKey(key), record(value, Long.MAX_VALUE), wantOld, writer != null, pin(key));
  }

  /**
   * Writes one entry already encoded as {@code base} (an eternal record of the value), calling the
   * writer first when {@code writeThrough}; returns the live record it replaced, or null.
   */
  private Object writeEncoded(K key, V value, Object tk, Object base, boolean wantOld, boolean writeThrough, Pin pin) {
    long now = clock.millis();
    Object[] outcome = new Object[2];
    Object written = null;
    try {
      if (blindPuts && !writeThrough) {
        // eternal entries: creation and update expiry agree, so one unconditional write does
        Object old = null;
        if (wantOld || events.active()) {
          old = tier.put(tk, base);
        } else {
          tier.set(tk, base);
        }
        outcome[0] = base;
        outcome[1] = old != null && !isExpired(old, now) ? old : null;
      } else {
        mutate(tk, writeThrough, old -> {
          Object live = old != null && !isExpired(old, now) ? old : null;
          long expiresAt = live != null ? updateExpiry(old, now) : creationExpiry(now);
          if (writeThrough) {
            writeThrough(key, value);
          }
          outcome[1] = live;
          if (expiresAt <= now) {
            outcome[0] = null;
            return live != null ? DELETE : KEEP;
          }
          outcome[0] = tier.restamp(base, expiresAt);
          return outcome[0];
        });
      }
      written = outcome[0];
    } finally {
      settle(key, pin, written, value, now);
    }
    if (outcome[0] != null) {
      counters.puts(1);
    }
    // the put path builds no event object when no listener is registered
    if (events.active()) {
      if (outcome[0] != null) {
        events.dispatch(Change.written(key, tk, outcome[0], outcome[1]));
      } else if (outcome[1] != null) {
        events.dispatch(Change.expired(key, tk, outcome[1]));
      }
    }
    return outcome[1];
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> entries) {
    requireOpen();
    Objects.requireNonNull(entries, "entries");
    for (Map.Entry<? extends K, ? extends V> entry : entries.entrySet()) {
      requireKey(entry.getKey());
      requireValue(entry.getValue());
    }
    long started = counters.start();
    // encode everything first: a value that cannot be serialized must stop the call before anything is written
    Map<K, Object[]> encoded = new LinkedHashMap<>();
    for (Map.Entry<? extends K, ? extends V> entry : entries.entrySet()) {
      encoded.put(entry.getKey(), new Object[] {tierKey(entry.getKey()), record(entry.getValue(), Long.MAX_VALUE), entry.getValue()});
    }
    CacheWriterException failure = null;
    if (writer != null) {
      List<Cache.Entry<? extends K, ? extends V>> batch = new ArrayList<>();
      for (Map.Entry<? extends K, ? extends V> entry : entries.entrySet()) {
        batch.add(new StrataCacheEntry<>(entry.getKey(), entry.getValue()));
      }
      try {
        writer.writeAll(batch);
      } catch (Exception e) {
        failure = writerFailure(e);
        for (Cache.Entry<? extends K, ? extends V> notWritten : batch) {
          encoded.remove(notWritten.getKey());
        }
      }
    }
    for (Map.Entry<K, Object[]> entry : encoded.entrySet()) {
      Object[] parts = entry.getValue();
      @SuppressWarnings("unchecked")
      V value = (V) parts[2];
      // the writer saw the whole batch already
      writeEncoded(entry.getKey(), value, parts[0], parts[1], false, false, pin(entry.getKey()));
    }
    counters.putTime(started);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    requireOpen();
    requireKey(key);
    requireValue(value);
    long started = counters.start();
    Object tk = tierKey(key);
    long now = clock.millis();
    Object base = record(value, Long.MAX_VALUE);
    Object[] outcome = new Object[2];
    boolean[] present = new boolean[1];
    Pin pin = pin(key);
    Object settled = null;
    Object instance = null;
    try {
      mutate(tk, writer != null, old -> {
        outcome[0] = null;
        outcome[1] = old;
        present[0] = old != null && !isExpired(old, now);
        if (present[0]) {
          return KEEP;
        }
        long expiresAt = creationExpiry(now);
        writeThrough(key, value);
        if (expiresAt <= now) {
          return old == null ? KEEP : DELETE;
        }
        outcome[0] = tier.restamp(base, expiresAt);
        return outcome[0];
      });
      // by reference, L1 keeps the instance L2 now holds: the one put, or the one it held already
      settled = outcome[0] != null ? outcome[0] : present[0] ? outcome[1] : null;
      instance = outcome[0] != null ? value : heldFor(before(pin), settled);
    } finally {
      settle(key, pin, settled, instance, now);
    }
    if (present[0]) {
      counters.l2Hits(1);
    } else {
      counters.misses(1);
    }
    if (outcome[0] != null) {
      counters.puts(1);
      counters.putTime(started);
      events.dispatch(Change.created(key, tk, outcome[0]));
      return true;
    }
    return false;
  }

  @Override
  public boolean remove(K key) {
    requireOpen();
    requireKey(key);
    long started = counters.start();
    Object old = removeOne(key, true);
    if (old != null) {
      counters.removals(1);
      counters.removeTime(started);
    }
    return old != null;
  }

  /** Removes a key (writer first, if any); returns the live record removed, or null. */
  private Object removeOne(K key, boolean callWriter) {
    Object tk = tierKey(key);
    long now = clock.millis();
    Object[] removed = new Object[1];
    try {
      if (writer != null && callWriter) {
        mutate(tk, true, old -> {
          deleteThrough(key);
          removed[0] = old;
          return old == null ? KEEP : DELETE;
        });
      } else {
        removed[0] = tier.remove(tk);
      }
    } finally {
      l1.invalidate(key);
    }
    Object old = removed[0];
    if (old == null) {
      return null;
    }
    if (isExpired(old, now)) {
      events.dispatch(Change.expired(key, tk, old));
      return null;
    }
    events.dispatch(Change.removed(key, tk, old));
    return old;
  }

  @Override
  public boolean remove(K key, V oldValue) {
    requireOpen();
    requireKey(key);
    requireValue(oldValue);
    long started = counters.start();
    Object tk = tierKey(key);
    long now = clock.millis();
    Object[] removed = new Object[1];
    boolean[] present = new boolean[1];
    LocalValue before = byReference ? l1.get(key) : null;
    try {
      mutate(tk, writer != null, old -> {
        removed[0] = null;
        present[0] = old != null && !isExpired(old, now);
        if (!present[0]) {
          return KEEP;
        }
        if (!matches(oldValue, before, old)) {
          Duration access = accessDuration();
          if (access != null) {
            long expiresAt = at(now, access);
            return expiresAt <= now ? DELETE_SILENTLY : tier.restamp(old, expiresAt);
          }
          return KEEP;
        }
        deleteThrough(key);
        removed[0] = old;
        return DELETE;
      });
    } finally {
      l1.invalidate(key);
    }
    if (!present[0]) {
      counters.misses(1);
      return false;
    }
    counters.l2Hits(1);
    if (removed[0] == null) {
      return false;
    }
    counters.removals(1);
    counters.removeTime(started);
    events.dispatch(Change.removed(key, tk, removed[0]));
    return true;
  }

  @Override
  public V getAndRemove(K key) {
    requireOpen();
    requireKey(key);
    long started = counters.start();
    LocalValue before = byReference ? l1.get(key) : null;
    Object old = removeOne(key, true);
    if (old == null) {
      counters.misses(1);
      counters.getTime(started);
      return null;
    }
    counters.l2Hits(1);
    counters.removals(1);
    counters.getTime(started);
    counters.removeTime(started);
    return oldValue(before, old);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    requireOpen();
    requireKey(key);
    requireValue(oldValue);
    requireValue(newValue);
    long started = counters.start();
    Object tk = tierKey(key);
    long now = clock.millis();
    Object base = record(newValue, Long.MAX_VALUE);
    Object[] outcome = new Object[2];
    boolean[] present = new boolean[1];
    Pin pin = pin(key);
    Object written = null;
    try {
      mutate(tk, writer != null, guess(pin), old -> {
        outcome[0] = null;
        outcome[1] = null;
        present[0] = old != null && !isExpired(old, now);
        if (!present[0]) {
          return KEEP;
        }
        if (!matches(oldValue, before(pin), old)) {
          Duration access = accessDuration();
          if (access != null) {
            long expiresAt = at(now, access);
            return expiresAt <= now ? DELETE_SILENTLY : tier.restamp(old, expiresAt);
          }
          return KEEP;
        }
        long expiresAt = updateExpiry(old, now);
        writeThrough(key, newValue);
        outcome[1] = old;
        if (expiresAt <= now) {
          return DELETE_SILENTLY;
        }
        outcome[0] = tier.restamp(base, expiresAt);
        return outcome[0];
      });
      written = outcome[0];
    } finally {
      settle(key, pin, written, newValue, now);
    }
    if (!present[0]) {
      counters.misses(1);
      return false;
    }
    counters.l2Hits(1);
    if (outcome[1] == null) {
      return false;
    }
    counters.puts(1);
    counters.putTime(started);
    if (outcome[0] != null) {
      events.dispatch(Change.updated(key, tk, outcome[0], outcome[1]));
    } else {
      events.dispatch(Change.expired(key, tk, outcome[1]));
    }
    return true;
  }

  @Override
  public boolean replace(K key, V value) {
    requireOpen();
    requireKey(key);
    requireValue(value);
    long started = counters.start();
    boolean replaced = replaceExisting(key, value, null) != null;
    if (replaced) {
      counters.l2Hits(1);
      counters.puts(1);
      counters.putTime(started);
    } else {
      counters.misses(1);
    }
    return replaced;
  }

  @Override
  public V getAndReplace(K key, V value) {
    requireOpen();
    requireKey(key);
    requireValue(value);
    long started = counters.start();
    Pin[] pin = new Pin[1];
    Object old = replaceExisting(key, value, pin);
    counters.getTime(started);
    if (old == null) {
      counters.misses(1);
      return null;
    }
    counters.l2Hits(1);
    counters.puts(1);
    counters.putTime(started);
    return oldValue(before(pin[0]), old);
  }

  /**
   * Replaces the value of a present key; returns the live record replaced, or null. The key is
   * encoded and the value too before L1 is reserved, so a refused value leaves no reservation
   * behind; {@code pinned}, if not null, receives the write's hold on L1, for the old value.
   */
  private Object replaceExisting(K key, V value, Pin[] pinned) {
    Object tk = tierKey(key);
    long now = clock.millis();
    Object base = record(value, Long.MAX_VALUE);
    Pin pin = pin(key);
    if (pinned != null) {
      pinned[0] = pin;
    }
    Object[] outcome = new Object[2];
    Object written = null;
    try {
      mutate(tk, writer != null, guess(pin), old -> {
        outcome[0] = null;
        outcome[1] = null;
        if (old == null || isExpired(old, now)) {
          return KEEP;
        }
        long expiresAt = updateExpiry(old, now);
        writeThrough(key, value);
        outcome[1] = old;
        if (expiresAt <= now) {
          return DELETE_SILENTLY;
        }
        outcome[0] = tier.restamp(base, expiresAt);
        return outcome[0];
      });
      written = outcome[0];
    } finally {
      settle(key, pin, written, value, now);
    }
    if (outcome[1] != null) {
      events.dispatch(outcome[0] != null ? Change.updated(key, tk, outcome[0], outcome[1])
          : Change.expired(key, tk, outcome[1]));
    }
    return outcome[1];
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    requireOpen();
    Objects.requireNonNull(keys, "keys");
    for (K key : keys) {
      requireKey(key);
    }
    removeKeys(new ArrayList<>(keys), true);
  }

  @Override
  public void removeAll() {
    requireOpen();
    List<K> keys = new ArrayList<>();
    for (Object tk : tier.keys()) {
      keys.add(appKey(tk));
    }
    removeKeys(keys, false);
  }

  @SuppressWarnings("unchecked")
  private void removeKeys(List<K> keys, boolean alwaysCallWriter) {
    long started = counters.start();
    Collection<K> toRemove = keys;
    CacheWriterException failure = null;
    if (writer != null && (alwaysCallWriter || !keys.isEmpty())) {
      List<Object> batch = new ArrayList<>(keys);
      try {
        writer.deleteAll(batch);
      } catch (Exception e) {
        failure = writerFailure(e);
        Set<Object> notDeleted = new HashSet<>(batch);
        toRemove = new ArrayList<>();
        for (K key : keys) {
          if (!notDeleted.contains(key)) {
            toRemove.add(key);
          }
        }
      }
    }
    long removed = 0;
    for (K key : toRemove) {
      if (removeOne(key, false) != null) {
        removed++;
      }
    }
    counters.removals(removed);
    if (removed > 0) {
      counters.removeTime(started);
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void clear() {
    requireOpen();
    l1.beginClear();
    try {
      tier.clear();
    } finally {
      l1.endClear();
    }
  }

  // ---------------------------------------------------------------- entry processors

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    requireOpen();
    requireKey(key);
    Objects.requireNonNull(processor, "processor");
    Object tk = tierKey(key);
    long now = clock.millis();
    ProcessedEntry<K, V> entry = new ProcessedEntry<>(key, this::value,
        configuration.isReadThrough() && loader != null ? this::callLoader : null);
    Object[] outcome = new Object[3];
    @SuppressWarnings("unchecked")
    T[] result = (T[]) new Object[1];
    long started = counters.start();
    try {
      mutate(tk, true, old -> {
        Object live = old != null && !isExpired(old, now) ? old : null;
        entry.reset(live);
        try {
          result[0] = processor.process(entry, arguments);
        } catch (CacheException e) {
          throw e;
        } catch (Exception e) {
          throw new EntryProcessorException("The entry processor of cache '" + name + "' failed on key " + key + ": " + e, e);
        }
        outcome[2] = live;
        return decide(key, entry, live, old, now, outcome);
      });
    } finally {
      l1.invalidate(key);
    }
    Object live = outcome[2];
    if (live != null) {
      counters.l2Hits(1);
    } else {
      counters.misses(1);
    }
    counters.getTime(started);
    if (outcome[0] instanceof Change change) {
      if (change.type() == javax.cache.event.EventType.REMOVED) {
        counters.removals(1);
      } else if (entry.action() != ProcessedEntry.Action.LOAD) {
        counters.puts(1);
      }
      events.dispatch(change);
    }
    return result[0];
  }

  /** Turns what a processor did into a plan; records the event to fire in {@code outcome[0]}. */
  private Object decide(K key, ProcessedEntry<K, V> entry, Object live, Object old, long now, Object[] outcome) {
    Object tk = tierKey(key);
    outcome[0] = null;
    switch (entry.action()) {
      case NONE:
        return KEEP;
      case READ: {
        Duration access = accessDuration();
        if (access == null) {
          return KEEP;
        }
        long expiresAt = at(now, access);
        return expiresAt <= now ? DELETE_SILENTLY : tier.restamp(live, expiresAt);
      }
      case REMOVE:
        deleteThrough(key);
        if (live == null) {
          return old == null ? KEEP : DELETE_SILENTLY;
        }
        outcome[0] = Change.removed(key, tk, live);
        return DELETE;
      case LOAD:
      case CREATE: {
        if (entry.action() == ProcessedEntry.Action.CREATE) {
          writeThrough(key, entry.newValue());
        }
        long expiresAt = creationExpiry(now);
        if (expiresAt <= now) {
          return old == null ? KEEP : DELETE_SILENTLY;
        }
        Object record = record(entry.newValue(), expiresAt);
        outcome[0] = Change.created(key, tk, record);
        return record;
      }
      case UPDATE: {
        writeThrough(key, entry.newValue());
        long expiresAt = updateExpiry(live, now);
        if (expiresAt <= now) {
          outcome[0] = Change.expired(key, tk, live);
          return DELETE_SILENTLY;
        }
        Object record = record(entry.newValue(), expiresAt);
        outcome[0] = Change.updated(key, tk, record, live);
        return record;
      }
      default:
        throw new IllegalStateException("unknown action " + entry.action());
    }
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
                                                       Object... arguments) {
    requireOpen();
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(processor, "processor");
    for (K key : keys) {
      requireKey(key);
    }
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T result = invoke(key, processor, arguments);
        if (result != null) {
          results.put(key, () -> result);
        }
      } catch (Exception e) {
        EntryProcessorException failure = e instanceof EntryProcessorException epe ? epe : new EntryProcessorException(e);
        results.put(key, () -> {
          throw failure;
        });
      }
    }
    return results;
  }

  // ---------------------------------------------------------------- iteration

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    requireOpen();
    return new EntryIterator(tier.keys());
  }

  /** Walks a snapshot of the keys, reading each entry when it is reached and skipping expired ones. */
  private final class EntryIterator implements Iterator<Cache.Entry<K, V>> {
    private final Iterator<Object> keys;
    private Cache.Entry<K, V> next;
    private K last;

    EntryIterator(List<Object> keys) {
      this.keys = keys.iterator();
    }

    @Override
    public boolean hasNext() {
      requireOpen();
      while (next == null && keys.hasNext()) {
        Object tk = keys.next();
        Object record = tier.get(tk);
        long now = clock.millis();
        if (record == null) {
          continue;
        }
        K key = appKey(tk);
        if (isExpired(record, now)) {
          expire(key, tk, record);
          continue;
        }
        record = touch(key, tk, record, accessDuration(), now);
        next = new StrataCacheEntry<>(key, value(record));
      }
      return next != null;
    }

    @Override
    public Cache.Entry<K, V> next() {
      if (!hasNext()) {
        throw new NoSuchElementException("No more entries in cache '" + name + "'");
      }
      Cache.Entry<K, V> entry = next;
      next = null;
      last = entry.getKey();
      counters.l2Hits(1);
      return entry;
    }

    @Override
    public void remove() {
      requireOpen();
      if (last == null) {
        throw new IllegalStateException("Iterator of cache '" + name + "': call next() before remove()");
      }
      StrataCache.this.remove(last);
      last = null;
    }
  }

  // ---------------------------------------------------------------- the atomic step

  /** A plan meaning "leave the entry as it is". */
  private static final Object KEEP = new Object();
  /** A plan meaning "remove the entry". */
  private static final Object DELETE = new Object();
  /** Removes the entry; no different for L2, named apart to tell expiry-driven removals from the rest. */
  private static final Object DELETE_SILENTLY = DELETE;

  /**
   * Reads the key's record, asks {@code plan} what to do, and applies it atomically: under the
   * key lock when {@code locked} (plan runs exactly once), else with compare-and-set (plan may
   * run again after losing a race). A plan returns KEEP, DELETE or the record to store.
   */
  private void mutate(Object tk, boolean locked, java.util.function.UnaryOperator<Object> plan) {
    mutate(tk, locked, null, plan);
  }

  /**
   * As {@link #mutate(Object, boolean, java.util.function.UnaryOperator)}, but a compare-and-set
   * starts from {@code guess}, the record L1 believes L2 holds, rather than reading L2: when the
   * guess is right the write takes one round trip instead of two. L2 checks the guess as the
   * expected record of its compare-and-set; a wrong one fails it, and the loop reads L2.
   */
  private void mutate(Object tk, boolean locked, Object guess, java.util.function.UnaryOperator<Object> plan) {
    if (!locked) {
      casLoop(tk, plan, guess);
      return;
    }
    tier.lock(tk);
    try {
      Object old = tier.get(tk);
      Object next = plan.apply(old);
      if (next == DELETE) {
        if (old != null) {
          tier.remove(tk);
        }
      } else if (next != KEEP) {
        tier.set(tk, next);
      }
    } finally {
      tier.unlock(tk);
    }
  }

  private void casLoop(Object tk, java.util.function.UnaryOperator<Object> plan) {
    casLoop(tk, plan, null);
  }

  private void casLoop(Object tk, java.util.function.UnaryOperator<Object> plan, Object guess) {
    Object known = guess;
    while (true) {
      boolean guessed = known != null;
      Object old = guessed ? known : tier.get(tk);
      known = null;
      Object next = plan.apply(old);
      boolean done;
      if (next == KEEP) {
        // keeping what a guess showed proves nothing: L2 may hold something else
        done = !guessed;
      } else if (next == DELETE) {
        done = old == null || tier.remove(tk, old);
      } else {
        done = old == null ? tier.putIfAbsent(tk, next) == null : tier.replace(tk, old, next);
      }
      if (done) {
        return;
      }
    }
  }

  /** Removes an expired record if it is still there, and tells the listeners. */
  private void expire(K key, Object tk, Object record) {
    try {
      if (tier.remove(tk, record)) {
        events.dispatch(Change.expired(key, tk, record));
      }
    } finally {
      l1.invalidate(key);
    }
  }

  // ---------------------------------------------------------------- write-through

  private void writeThrough(K key, V value) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(new StrataCacheEntry<>(key, value));
    } catch (Exception e) {
      throw writerFailure(e);
    }
  }

  private void deleteThrough(K key) {
    if (writer == null) {
      return;
    }
    try {
      writer.delete(key);
    } catch (Exception e) {
      throw writerFailure(e);
    }
  }

  private CacheWriterException writerFailure(Exception e) {
    return e instanceof CacheWriterException cwe ? cwe
        : new CacheWriterException("The CacheWriter of cache '" + name + "' failed: " + e, e);
  }

  // ---------------------------------------------------------------- expiry

  private long creationExpiry(long now) {
    Duration duration;
    try {
      duration = expiry.getExpiryForCreation();
    } catch (RuntimeException e) {
      duration = Duration.ETERNAL;
    }
    return at(now, duration == null ? Duration.ETERNAL : duration);
  }

  private long updateExpiry(Object old, long now) {
    Duration duration;
    try {
      duration = expiry.getExpiryForUpdate();
    } catch (RuntimeException e) {
      duration = null;
    }
    return duration == null ? tier.expiresAt(old) : at(now, duration);
  }

  /** @return the access duration, or null for "unchanged" */
  private Duration accessDuration() {
    if (accessKeepsExpiry) {
      return null;
    }
    try {
      return expiry.getExpiryForAccess();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static long at(long now, Duration duration) {
    if (duration.isEternal()) {
      return Long.MAX_VALUE;
    }
    if (duration.isZero()) {
      return now;
    }
    return saturatedAdd(now, duration.getTimeUnit().toMillis(duration.getDurationAmount()));
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /** @return {@code a * b} for positive factors, or {@link Long#MAX_VALUE} if that overflows */
  private static long saturatedMultiply(long a, long b) {
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }

  private boolean isExpired(Object record, long now) {
    return tier.expiresAt(record) <= now;
  }

  // ---------------------------------------------------------------- conversions

  private Object tierKey(K key) {
    try {
      return tier.key(key);
    } catch (NotSerializableValueException e) {
      throw new IllegalArgumentException("Cache '" + name + "' cannot store key of " + e.type().getName()
          + ": it is not serializable, and Strata keeps keys serialized in Hazelcast. Make it implement "
          + "java.io.Serializable", e);
    } catch (RejectedClassException e) {
      throw notAllowed("key", key, e);
    }
  }

  private Object record(Object value, long expiresAt) {
    try {
      return tier.record(value, expiresAt);
    } catch (NotSerializableValueException e) {
      throw new IllegalArgumentException("Cache '" + name + "' cannot store value of " + e.type().getName()
          + ": it is not serializable, and Strata keeps values serialized in Hazelcast. Make it implement "
          + "java.io.Serializable; nothing was stored", e);
    } catch (RejectedClassException e) {
      throw notAllowed("value", value, e);
    }
  }

  /** A key or value that holds a class no JVM of the cluster would decode: refused before anything is written. */
  private IllegalArgumentException notAllowed(String what, Object given, RejectedClassException e) {
    return new IllegalArgumentException("Cache '" + name + "' cannot store " + what + " of " + given.getClass().getName()
        + ": it holds class " + e.className() + ", which is neither a JDK value type nor one of the application's "
        + "classes, so no JVM of the cluster would decode it. Add it to the Strata property '" + SerializationSettings.ALLOW
        + "' (" + e.allowEntries() + "); nothing was stored", e);
  }

  /** @return how many keys and values read from L2 the serialization allow-list refused */
  public long rejectedPayloads() {
    return tier.rejectedPayloads();
  }

  @SuppressWarnings("unchecked")
  private V value(Object record) {
    return (V) tier.value(record);
  }

  @SuppressWarnings("unchecked")
  private K appKey(Object tierKey) {
    return (K) tier.appKey(tierKey);
  }

  /** @return the key as L1 may hold it: mutable keys are copied so callers cannot change them */
  @SuppressWarnings("unchecked")
  private K l1Key(K key) {
    return !l1.enabled() || byReference ? key : (K) codec.copy(key);
  }

  // ---------------------------------------------------------------- checks

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Cache '" + name + "' is closed; get it again from its CacheManager");
    }
  }

  private void requireKey(K key) {
    if (key == null) {
      throw new NullPointerException("Cache '" + name + "' does not accept null keys");
    }
    Class<K> type = keyType;
    if (type != Object.class && !type.isInstance(key)) {
      throw new ClassCastException("Cache '" + name + "' has key type " + type.getName() + ", but got a key of "
          + key.getClass().getName());
    }
  }

  private void requireValue(V value) {
    if (value == null) {
      throw new NullPointerException("Cache '" + name + "' does not accept null values");
    }
    Class<V> type = configuration.getValueType();
    if (type != Object.class && !type.isInstance(value)) {
      throw new ClassCastException("Cache '" + name + "' has value type " + type.getName() + ", but got a value of "
          + value.getClass().getName());
    }
  }

  // ---------------------------------------------------------------- lifecycle and metadata

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    if (clazz.isInstance(configuration)) {
      return clazz.cast(configuration);
    }
    throw new IllegalArgumentException("Cache '" + name + "' has a configuration of "
        + configuration.getClass().getName() + ", which is not a " + clazz.getName());
  }

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
    configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
    try {
      events.register(listenerConfiguration);
    } catch (RuntimeException e) {
      configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
      throw e;
    }
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
    configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
    events.deregister(listenerConfiguration);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    manager.forget(this);
    shutdown();
  }

  /** Releases everything this object holds in this JVM; the data in L2 stays. */
  void shutdown() {
    closed = true;
    for (AutoCloseable subscription : subscriptions) {
      try {
        subscription.close();
      } catch (Exception e) {
        LOG.log(Level.DEBUG, "cache={0} unsubscribe failed: {1}", name, e);
      }
    }
    subscriptions.clear();
    events.close();
    l1.invalidateAll();
    MBeans.unregister(MBeans.name(MBeans.Type.CacheConfiguration, manager.getURI().toString(), name));
    MBeans.unregister(MBeans.name(MBeans.Type.CacheStatistics, manager.getURI().toString(), name));
    MBeans.unregister(MBeans.name(MBeans.Type.CacheCoherence, manager.getURI().toString(), name));
    for (Object resource : new Object[] {loader, writer, expiry}) {
      if (resource instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.log(Level.DEBUG, "cache={0} close of {1} failed: {2}", name, resource, e);
        }
      }
    }
  }

  /** Removes every entry from L2 for good; called by {@code destroyCache}. */
  void destroy() {
    shutdown();
    tier.destroy();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("Cache '" + name + "' cannot be unwrapped to " + clazz.getName()
        + "; it can be unwrapped to " + StrataCache.class.getName());
  }

  void setStatistics(boolean enabled) {
    configuration.setStatisticsEnabled(enabled);
    counters.enabled(enabled);
    javax.management.ObjectName objectName = MBeans.name(MBeans.Type.CacheStatistics, manager.getURI().toString(), name);
    javax.management.ObjectName coherence = MBeans.name(MBeans.Type.CacheCoherence, manager.getURI().toString(), name);
    if (enabled) {
      MBeans.register(counters, objectName);
      MBeans.register(new CacheCoherence(counters, this::rejectedPayloads), coherence);
    } else {
      MBeans.unregister(objectName);
      MBeans.unregister(coherence);
    }
  }

  void setManagement(boolean enabled) {
    configuration.setManagementEnabled(enabled);
    javax.management.ObjectName objectName = MBeans.name(MBeans.Type.CacheConfiguration, manager.getURI().toString(), name);
    if (enabled) {
      MBeans.register(new CacheConfigurationBean(configuration), objectName);
    } else {
      MBeans.unregister(objectName);
    }
  }

  /** @return this cache's counters: JSR-107 statistics plus Strata's per-tier figures */
  public CacheCounters counters() {
    return counters;
  }

  /** @return the number of entries L1 holds now */
  public long l1Size() {
    return l1.size();
  }

  /** @return the Strata settings this cache runs with */
  public CacheSettings settings() {
    return settings;
  }

  /** @return what the cluster tells this cache about changes, for {@link RemoteTier#onChange} */
  RemoteTier.Changes changes() {
    return new RemoteTier.Changes() {
      @Override
      public void changed(Object tierKey, long writtenAt, boolean ownWrite) {
        invalidated(tierKey, writtenAt, ownWrite);
      }

      @Override
      public void changedAll() {
        invalidatedAll();
      }
    };
  }

  /**
   * Called by the invalidation subscription: someone changed this key.
   *
   * @param writtenAt when the writer wrote it (epoch ms), 0 if unknown
   * @param ownWrite  whether this cache object made the change itself
   */
  void invalidated(Object tierKey, long writtenAt, boolean ownWrite) {
    counters.invalidationReceived();
    if (ownWrite) {
      // this cache's own write: its L1 dropped the key in the write's finally, after L2 had the
      // record, so whatever L1 holds now was read at or after this write and may stay
      return;
    }
    if (writtenAt > 0) {
      counters.invalidationLag(clock.millis() - writtenAt);
    }
    if (l1.enabled()) {
      K key;
      try {
        key = appKey(tierKey);
      } catch (RuntimeException e) {
        // a key we cannot decode cannot be matched: drop everything rather than risk a stale read
        invalidatedAll();
        return;
      }
      if (l1.get(key) != null) {
        counters.l1Dropped();
      }
      l1.invalidate(key);
    }
  }

  /** Called when the whole store was cleared or evicted. */
  void invalidatedAll() {
    counters.l1Dropped();
    l1.invalidateAll();
  }

  /** Called when the cluster changed (membership, migration, lost partitions, a merge, a reconnect): events may have been lost. */
  void clusterChanged() {
    counters.clusterDropped(l1.size());
    invalidatedAll();
  }

  @Override
  public String toString() {
    return "StrataCache[" + name + ", l1=" + (l1.enabled() ? "on" : "off") + "]";
  }
}
