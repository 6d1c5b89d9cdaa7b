package dev.strata.cache;

import dev.strata.cache.config.CacheSettings;
import dev.strata.cache.event.Change;
import dev.strata.cache.event.EventDispatcher;
import dev.strata.cache.tier.Decision;
import dev.strata.cache.tier.Encoder;
import dev.strata.cache.tier.JCacheExpiry;
import dev.strata.cache.tier.Plan;
import dev.strata.cache.tier.Step;
import dev.strata.cache.tier.TieredStore;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JSR-107 cache whose entries live in Hazelcast (L2, authoritative) with an in-process L1 in
 * front. This class is the spec's facade: it checks arguments, turns each operation into reads and
 * mutations of the {@link TieredStore} (which owns the L1/L2 protocol), and applies the JSR-107
 * semantics around them — expiry, the loader and writer, events and statistics — in the calling JVM.
 *
 * <p>Operations that must call application code exactly once for a key (a {@code CacheWriter}, an
 * {@code EntryProcessor}) hold the key's cluster-wide lock; the others use L2's compare-and-set and
 * may re-evaluate the expiry policy when they race.
 *
 * <p>Thread-safe. Departures from the spec: keys are equal when their serialized forms are equal
 * (as in Hazelcast); statistics count this JVM's operations only.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class StrataCache<K, V> implements Cache<K, V> {

  private static final System.Logger LOG = System.getLogger(StrataCache.class.getName());

  private final String name;
  private final StrataCacheManager manager;
  private final MutableConfiguration<K, V> configuration;
  private final CacheSettings settings;
  private final TieredStore<K> store;
  private final Encoder encoder;
  private final JCacheExpiry expiry;
  private final JCacheLoader<K, V> loader;
  private final JCacheWriter<K, V> writer;
  private final Counters counters;
  private final EventDispatcher<K, V> events;
  private final EntryProcessing<K, V> processing;
  private final EntryRemoval<K, V> removal;
  private final CacheStatistics statistics;
  private final CacheMBeans mbeans;
  private final Executor executor;
  private final JCacheArguments<K, V> check;
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  private volatile boolean closed;
  private final AtomicBoolean enabled;

  /** Built by {@link CacheFactory}, which wires the parts. */
  StrataCache(String name, StrataCacheManager manager, MutableConfiguration<K, V> configuration, CacheSettings settings,
              TieredStore<K> store, Encoder encoder, JCacheExpiry expiry, JCacheLoader<K, V> loader,
              JCacheWriter<K, V> writer, Counters counters, EventDispatcher<K, V> events,
              EntryProcessing<K, V> processing, EntryRemoval<K, V> removal, CacheStatistics statistics, CacheMBeans mbeans, Executor executor,
              AtomicBoolean enabled) {
    this.name = name;
    this.manager = manager;
    this.configuration = configuration;
    this.settings = settings;
    this.store = store;
    this.encoder = encoder;
    this.expiry = expiry;
    this.loader = loader;
    this.writer = writer;
    this.counters = counters;
    this.events = events;
    this.processing = processing;
    this.removal = removal;
    this.statistics = statistics;
    this.mbeans = mbeans;
    this.executor = executor;
    this.enabled = enabled;
    this.check = new JCacheArguments<>(name, configuration.getKeyType(), configuration.getValueType());
  }

  /** Registers listeners, the invalidation subscription and the MXBeans; called once by the factory. */
  void start(AutoCloseable invalidation) {
    subscriptions.add(invalidation);
    for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
      events.register(listener);
    }
    setStatistics(configuration.isStatisticsEnabled());
    if (configuration.isManagementEnabled()) {
      setManagement(true);
    }
  }

  // ---------------------------------------------------------------- reads

  @Override
  @SuppressWarnings("unchecked")
  public V get(K key) {
    requireOpen();
    check.key(key);
    long started = counters.start();
    V value = (V) store.get(key);
    if (value == null && loader.readThrough()) {
      value = loader.readThrough(key);
    }
    counters.getTime(started);
    return value;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<K, V> getAll(Set<? extends K> keys) {
    requireOpen();
    check.keys(keys);
    long started = counters.start();
    Map<K, Object> found = new LinkedHashMap<>();
    List<K> missing = new ArrayList<>();
    store.getAll((Set<K>) keys, found, missing);
    if (!missing.isEmpty() && loader.readThrough()) {
      loader.readThrough(missing, found);
    }
    counters.getTime(started);
    return (Map<K, V>) found;
  }

  @Override
  public boolean containsKey(K key) {
    requireOpen();
    check.key(key);
    return store.contains(key);
  }

  @Override
  public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
    requireOpen();
    check.keys(keys);
    loader.loadAll(new ArrayList<>(keys), replaceExistingValues, this::containsKey, listener, executor);
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void put(K key, V value) {
    put(key, value, Set.of());
  }

  /**
   * Puts an entry, as {@link #put(Object, Object)} does, that carries {@code tags}: one call of
   * {@link StrataCacheManager#invalidateTag} then removes it with every other entry of the tag, in
   * every JVM. The entry carries only the tags of its latest tagged put.
   *
   * @throws NullPointerException     if a tag is null
   * @throws IllegalArgumentException if a tag is blank
   */
  public void put(K key, V value, Collection<String> tags) {
    requireOpen();
    check.key(key);
    check.value(value);
    check.tags(tags);
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

  @Override
  @SuppressWarnings("unchecked")
  public V getAndPut(K key, V value) {
    requireOpen();
    check.key(key);
    check.value(value);
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
        long expiresAt = step.live() ? expiry.update(step.expiresAt(), step.now()) : expiry.creation(step.now());
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

  @Override
  @SuppressWarnings("unchecked")
  public void putAll(Map<? extends K, ? extends V> entries) {
    requireOpen();
    Objects.requireNonNull(entries, "entries");
    for (Map.Entry<? extends K, ? extends V> entry : entries.entrySet()) {
      check.key(entry.getKey());
      check.value(entry.getValue());
    }
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

  @Override
  public boolean putIfAbsent(K key, V value) {
    requireOpen();
    check.key(key);
    check.value(value);
    long started = counters.start();
    Object tk = encoder.key(key);
    Object base = encoder.record(value, Long.MAX_VALUE);
    Decision decision = store.mutate(key, tk, mode(), value, step -> {
      if (step.live()) {
        return step.keep();
      }
      long expiresAt = expiry.creation(step.now());
      writer.write(key, value);
      return expiresAt <= step.now() ? step.expire() : step.store(encoder.restamp(base, expiresAt));
    });
    counters.l2Read(decision.found());
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

  @Override
  public boolean remove(K key) {
    requireOpen();
    check.key(key);
    long started = counters.start();
    Decision removed = removal.one(key, true);
    if (removed.live() != null) {
      counters.removals(1);
      counters.removeTime(started);
    }
    return removed.live() != null;
  }

  @Override
  public boolean remove(K key, V oldValue) {
    requireOpen();
    check.key(key);
    check.value(oldValue);
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

  @Override
  @SuppressWarnings("unchecked")
  public V getAndRemove(K key) {
    requireOpen();
    check.key(key);
    long started = counters.start();
    Decision removed = removal.one(key, true);
    counters.l2Read(removed.found());
    counters.getTime(started);
    if (!removed.found()) {
      return null;
    }
    counters.removals(1);
    counters.removeTime(started);
    return (V) store.previousValue(removed);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    requireOpen();
    check.key(key);
    check.value(oldValue);
    check.value(newValue);
    return replace(key, newValue, step -> step.holds(oldValue), counters.start()).applied();
  }

  @Override
  public boolean replace(K key, V value) {
    requireOpen();
    check.key(key);
    check.value(value);
    return replace(key, value, step -> true, counters.start()).applied();
  }

  @Override
  @SuppressWarnings("unchecked")
  public V getAndReplace(K key, V value) {
    requireOpen();
    check.key(key);
    check.value(value);
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
      long expiresAt = expiry.update(step.expiresAt(), step.now());
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

  @Override
  public void removeAll(Set<? extends K> keys) {
    requireOpen();
    check.keys(keys);
    removal.all(new ArrayList<>(keys), true);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void removeAll() {
    requireOpen();
    List<K> keys = new ArrayList<>();
    for (Object tk : store.keys()) {
      keys.add((K) encoder.appKey(tk));
    }
    removal.all(keys, false);
  }

  @Override
  public void clear() {
    requireOpen();
    store.clear();
  }

  /**
   * Removes every entry whose {@code String} key starts with {@code prefix}, in every JVM, without
   * calling the writer: the cost grows with the entries removed, not with the cache. Listeners hear
   * REMOVED for each.
   *
   * @return how many live entries it removed
   * @throws IllegalStateException if the cache does not index its keys ({@code prefix-invalidation})
   */
  public long invalidatePrefix(String prefix) {
    requireOpen();
    Objects.requireNonNull(prefix, "prefix");
    return removal.underPrefix(prefix);
  }

  /** Removes every entry tagged {@code tag}, without calling the writer; see {@link StrataCacheManager#invalidateTag}. */
  long invalidateTag(String tag) {
    requireOpen();
    return removal.tagged(tag);
  }

  // ---------------------------------------------------------------- entry processors

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    requireOpen();
    check.key(key);
    Objects.requireNonNull(processor, "processor");
    return processing.invoke(key, processor, arguments);
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
                                                       Object... arguments) {
    requireOpen();
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(processor, "processor");
    check.keys(keys);
    return processing.invokeAll(keys, processor, arguments);
  }

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    requireOpen();
    return new EntryIterator<>(this, store, counters, store.keys());
  }

  // ---------------------------------------------------------------- checks

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Cache '" + name + "' is closed; get it again from its CacheManager");
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
    subscriptions.forEach(this::closeQuietly);
    subscriptions.clear();
    events.close();
    store.forgetLocal();
    mbeans.unregisterAll();
    // the spec closes the loader, writer and expiry policy the cache's factories made, if they are closeable
    for (Object resource : new Object[] {loader.resource(), writer.resource(), expiry.policy()}) {
      if (resource instanceof AutoCloseable closeable) {
        closeQuietly(closeable);
      }
    }
  }

  private void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "cache={0} close of {1} failed: {2}", name, resource, e);
    }
  }

  /** Removes every entry from L2 for good; called by {@code destroyCache}. */
  void destroy() {
    shutdown();
    store.destroy();
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

  /** Turns the JSR-107 statistics on or off: the counting and the statistics MXBeans follow. */
  void setStatistics(boolean enabled) {
    configuration.setStatisticsEnabled(enabled);
    counters.enabled(enabled);
    mbeans.statistics(enabled);
  }

  void setManagement(boolean enabled) {
    configuration.setManagementEnabled(enabled);
    mbeans.management(enabled);
  }

  /** @return what this cache has done in this JVM, read live: hits by tier, writes, coherence, sizes, policy */
  public CacheStatistics statistics() {
    return statistics;
  }

  /** Resets the JSR-107 figures of {@link #statistics()}, as the statistics MXBean's {@code clear()} does. */
  public void clearStatistics() {
    counters.clear();
  }

  /**
   * @return whether the cache annotations use this cache ({@code strata.cache.<name>.enabled});
   *     when false they pass through to the method. Direct JSR-107 calls are not affected.
   */
  public boolean isEnabled() {
    return enabled.get();
  }

  /** Turns the cache annotations' use of this cache on or off, in this JVM, until the next change or restart. */
  public void setEnabled(boolean enabled) {
    this.enabled.set(enabled);
    LOG.log(Level.INFO, "Cache ''{0}'' is {1} for the cache annotations", name, enabled ? "enabled" : "disabled");
  }

  /** @return the Strata settings this cache was configured with (unset keys are null; see {@link CachePolicy}) */
  public CacheSettings settings() {
    return settings;
  }

  @Override
  public String toString() {
    return "StrataCache[" + name + ", l1=" + (store.hasL1() ? "on" : "off") + "]";
  }
}
