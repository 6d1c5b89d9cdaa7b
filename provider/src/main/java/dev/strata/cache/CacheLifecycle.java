package dev.strata.cache;

import dev.strata.cache.event.EventDispatcher;
import dev.strata.cache.tier.JCacheExpiry;
import dev.strata.cache.tier.TieredStore;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;

/**
 * What a cache sets up in this JVM and releases when it closes: its entry listeners (configured,
 * and added or removed at run time), its statistics and management MXBeans, the invalidation
 * subscription that keeps its L1 coherent, its L1 itself, and the loader, writer and expiry policy
 * its factories made. The data in L2 is never touched. Thread-safe as the cache is: {@link #start}
 * runs once, before the cache is handed out.
 */
final class CacheLifecycle<K, V> {

  // logs under the cache's name: one logger setting covers everything a cache says
  private static final System.Logger LOG = System.getLogger(StrataCache.class.getName());

  private final String name;
  private final MutableConfiguration<K, V> configuration;
  private final TieredStore<K> store;
  private final Counters counters;
  private final EventDispatcher<K, V> events;
  private final CacheMBeans mbeans;
  private final JCacheLoader<K, V> loader;
  private final JCacheWriter<K, V> writer;
  private final JCacheExpiry expiry;
  private final List<AutoCloseable> subscriptions = new ArrayList<>();

  CacheLifecycle(String name, MutableConfiguration<K, V> configuration, TieredStore<K> store, Counters counters,
                 EventDispatcher<K, V> events, CacheMBeans mbeans, JCacheLoader<K, V> loader, JCacheWriter<K, V> writer,
                 JCacheExpiry expiry) {
    this.name = name;
    this.configuration = configuration;
    this.store = store;
    this.counters = counters;
    this.events = events;
    this.mbeans = mbeans;
    this.loader = loader;
    this.writer = writer;
    this.expiry = expiry;
  }

  /** Registers listeners, the invalidation subscription and the MXBeans; called once by the factory. */
  void start(AutoCloseable invalidation) {
    subscriptions.add(invalidation);
    for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
      events.register(listener);
    }
    statistics(configuration.isStatisticsEnabled());
    if (configuration.isManagementEnabled()) {
      management(true);
    }
  }

  /** Adds a listener to the configuration and registers it; if registering fails, the configuration stays as it was. */
  void register(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
    try {
      events.register(listenerConfiguration);
    } catch (RuntimeException e) {
      configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
      throw e;
    }
  }

  void deregister(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
    events.deregister(listenerConfiguration);
  }

  /** Turns the JSR-107 statistics on or off: the counting and the statistics MXBeans follow. */
  void statistics(boolean enabled) {
    configuration.setStatisticsEnabled(enabled);
    counters.enabled(enabled);
    mbeans.statistics(enabled);
  }

  void management(boolean enabled) {
    configuration.setManagementEnabled(enabled);
    mbeans.management(enabled);
  }

  /** Releases everything the cache holds in this JVM; the data in L2 stays. */
  void shutdown() {
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
}
