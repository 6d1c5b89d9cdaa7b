package dev.strata.cache;

import dev.strata.cache.config.CacheSettings;
import dev.strata.cache.tier.TieredStore;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JSR-107 cache whose entries live in Hazelcast (L2, authoritative) with an in-process L1 in
 * front. This class is the spec's facade: it checks arguments, turns each operation into reads and
 * mutations of the {@link TieredStore} (which owns the L1/L2 protocol), and applies the JSR-107
 * semantics around them — expiry, the loader and writer, events and statistics — in the calling JVM,
 * through one small class per kind of operation ({@link EntryReading}, {@link EntryWriting},
 * {@link EntryRemoval}, {@link EntryProcessing}) and {@link CacheLifecycle} for what it holds in this JVM.
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
  private final Counters counters;
  private final EntryReading<K, V> reading;
  private final EntryWriting<K, V> writing;
  private final EntryProcessing<K, V> processing;
  private final EntryRemoval<K, V> removal;
  private final CacheLifecycle<K, V> lifecycle;
  private final CacheStatistics statistics;
  private final JCacheArguments<K, V> check;
  private volatile boolean closed;
  private final AtomicBoolean enabled;
  private final Freshness<K, V> freshness;

  /** Built by {@link CacheFactory}, which wires the parts. */
  StrataCache(String name, StrataCacheManager manager, MutableConfiguration<K, V> configuration, CacheSettings settings,
              TieredStore<K> store, Counters counters, EntryReading<K, V> reading, EntryWriting<K, V> writing,
              EntryProcessing<K, V> processing, EntryRemoval<K, V> removal, CacheLifecycle<K, V> lifecycle,
              CacheStatistics statistics, AtomicBoolean enabled, Freshness<K, V> freshness) {
    this.freshness = freshness;
    this.name = name;
    this.manager = manager;
    this.configuration = configuration;
    this.settings = settings;
    this.store = store;
    this.counters = counters;
    this.reading = reading;
    this.writing = writing;
    this.processing = processing;
    this.removal = removal;
    this.lifecycle = lifecycle;
    this.statistics = statistics;
    this.enabled = enabled;
    this.check = new JCacheArguments<>(name, configuration.getKeyType(), configuration.getValueType());
  }

  // ---------------------------------------------------------------- reads

  @Override
  public V get(K key) {
    requireOpen();
    check.key(key);
    return reading.get(key);
  }

  /**
   * As {@link #get}, waiting for L2 at most {@code timeout}, without read-through or refresh.
   * @throws L2UnavailableException when L2 did not answer in time ({@link L2UnavailableException#timedOut()}) or failed
   */
  public V getWithin(K key, java.time.Duration timeout) {
    requireOpen();
    check.key(key);
    return reading.getWithin(key, timeout.toNanos());
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    requireOpen();
    check.keys(keys);
    return reading.getAll(keys);
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
    reading.loadAll(keys, replaceExistingValues, this::containsKey, listener);
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
    check.entry(key, value);
    check.tags(tags);
    writing.put(key, value, tags);
  }

  /**
   * Stores what a computation produced after a miss ({@code @CacheResult}, a cache-aside read),
   * unless the key got a live entry meanwhile: that entry was written after the computation read
   * its source, so it is at least as new, and an older result must not overwrite it. Tagged as
   * {@link #put(Object, Object, Collection)} is. Counts a put when it stores, and no read.
   *
   * @return whether it stored the value
   */
  public boolean storeComputed(K key, V value, Collection<String> tags) {
    requireOpen();
    check.entry(key, value);
    check.tags(tags);
    return writing.storeComputed(key, value, tags);
  }

  @Override
  public V getAndPut(K key, V value) {
    requireOpen();
    check.entry(key, value);
    return writing.getAndPut(key, value);
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> entries) {
    requireOpen();
    Objects.requireNonNull(entries, "entries");
    for (Map.Entry<? extends K, ? extends V> entry : entries.entrySet()) {
      check.entry(entry.getKey(), entry.getValue());
    }
    writing.putAll(entries);
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    requireOpen();
    check.entry(key, value);
    return writing.putIfAbsent(key, value);
  }

  @Override
  public boolean remove(K key) {
    requireOpen();
    check.key(key);
    return removal.remove(key);
  }

  @Override
  public boolean remove(K key, V oldValue) {
    requireOpen();
    check.entry(key, oldValue);
    return writing.remove(key, oldValue);
  }

  @Override
  public V getAndRemove(K key) {
    requireOpen();
    check.key(key);
    return removal.getAndRemove(key);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    requireOpen();
    check.entry(key, oldValue);
    check.value(newValue);
    return writing.replace(key, oldValue, newValue);
  }

  @Override
  public boolean replace(K key, V value) {
    requireOpen();
    check.entry(key, value);
    return writing.replace(key, value);
  }

  @Override
  public V getAndReplace(K key, V value) {
    requireOpen();
    check.entry(key, value);
    return writing.getAndReplace(key, value);
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    requireOpen();
    check.keys(keys);
    removal.all(new ArrayList<>(keys), true);
  }

  @Override
  public void removeAll() {
    requireOpen();
    removal.all();
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
    lifecycle.register(listenerConfiguration);
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
    lifecycle.deregister(listenerConfiguration);
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
    lifecycle.shutdown();
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
    lifecycle.statistics(enabled);
  }

  void setManagement(boolean enabled) {
    lifecycle.management(enabled);
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

  /** @return refresh-ahead, single-flight across the cluster and stale-if-error, as this cache is configured */
  public Freshness<K, V> freshness() {
    return freshness;
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

