package dev.strata.benchmarks;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.CacheConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.strata.cache.spi.StrataCachingProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.spi.CachingProvider;

/**
 * One thing being measured: a cache of one provider, set up the way that provider is meant to be
 * used, on 127.0.0.1 only, with String keys and values of any kind. All are driven through the
 * same three operations.
 */
abstract class Subject implements AutoCloseable {

  static final String CACHE = "bench";
  static final String CLUSTER = "strata-bench";
  static final int STRATA_PORT = 5811;
  static final int HAZELCAST_PORT = 5821;
  static final int REMOTE_PORT = 5831;
  /** Strata's L1 bound, and the bounded Caffeine row's: room for the whole working set. */
  static final int L1_MAX_SIZE = 2 * CacheBenchmark.KEYS;
  private static final int LOAD_BATCH = 500;

  abstract Object get(String key);

  abstract void put(String key, Object value);

  abstract Map<String, Object> getAll(Set<String> keys);

  abstract void putAll(Map<String, Object> entries);

  @Override
  public abstract void close();

  /**
   * Caches each key's value and reads every key back, so near caches and L1s hold them as in a
   * running application: in batches first (few round trips to a remote member, so a trial's setup
   * stays short), then one get per key, the path the benchmarks time.
   *
   * @throws IllegalStateException if a key is not there to read back
   */
  final void load(String[] keys, Object[] values) {
    for (int from = 0; from < keys.length; from += LOAD_BATCH) {
      Map<String, Object> batch = new HashMap<>();
      for (int i = from; i < Math.min(from + LOAD_BATCH, keys.length); i++) {
        batch.put(keys[i], values[i]);
      }
      putAll(batch);
      if (getAll(batch.keySet()).size() != batch.size()) {
        throw new IllegalStateException("Subject " + this + " lost keys of the batch from " + keys[from]);
      }
    }
    for (String key : keys) {
      if (get(key) == null) {
        throw new IllegalStateException("Subject " + this + " lost key " + key);
      }
    }
  }

  /** The subjects, by the name the benchmarks' {@code provider} parameter uses. */
  static Subject create(String provider, boolean storeByValue, String maxStaleness) {
    switch (provider) {
      case "strata_l1":
        return strata(storeByValue, true, null, maxStaleness);
      case "strata_l2":
        return strata(storeByValue, false, null, maxStaleness);
      case "strata_client":
        return strata(storeByValue, true, RemoteMember.start(CLUSTER, REMOTE_PORT), maxStaleness);
      case "caffeine":
        return jcache(caffeine(), null, configuration(storeByValue), null);
      case "caffeine_ttl":
        // what an application that wants entries to age out configures: every entry expires 10 minutes after its write
        return jcache(caffeine(), null, configuration(storeByValue)
            .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 10))), null);
      case "caffeine_bounded":
        return caffeineBounded(storeByValue);
      case "ehcache":
        return jcache(Caching.getCachingProvider("org.ehcache.jsr107.EhcacheCachingProvider"), null,
            configuration(storeByValue), null);
      case "hazelcast_member":
        return hazelcastMember();
      case "hazelcast_client_nearcache":
        return hazelcastClient(InMemoryFormat.BINARY);
      case "hazelcast_client_nearcache_object":
        return hazelcastClient(InMemoryFormat.OBJECT);
      case "chm":
        return new MapSubject();
      default:
        throw new IllegalArgumentException("Unknown provider '" + provider + "'");
    }
  }

  private static Subject strata(boolean storeByValue, boolean l1, RemoteMember member, String maxStaleness) {
    Properties properties = new Properties();
    properties.setProperty("strata.hazelcast.cluster-name", CLUSTER);
    properties.setProperty("strata.cache.default.l1.enabled", Boolean.toString(l1));
    properties.setProperty("strata.cache.default.max-staleness", maxStaleness);
    // room for every key of the benchmark: L1 holds the whole working set, as Caffeine and the near cache do
    properties.setProperty("strata.cache.default.l1.max-size", Integer.toString(L1_MAX_SIZE));
    // the values' classes, for a cache of Object values outside CDI: what such an application configures
    properties.setProperty("strata.serialization.allow", "dev.strata.benchmarks.*");
    if (member != null) {
      properties.setProperty("strata.hazelcast.mode", "client");
      properties.setProperty("strata.hazelcast.members", "127.0.0.1:" + member.port);
    } else {
      properties.setProperty("strata.hazelcast.port", Integer.toString(STRATA_PORT));
    }
    StrataCachingProvider provider = new StrataCachingProvider();
    properties.setProperty("strata.cache.default.statistics", Boolean.toString(System.getProperty("bench.verbose") != null));
    CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), Subject.class.getClassLoader(), properties);
    return jcache(provider, manager, configuration(storeByValue), member);
  }

  private static MutableConfiguration<String, Object> configuration(boolean storeByValue) {
    return new MutableConfiguration<String, Object>().setTypes(String.class, Object.class).setStoreByValue(storeByValue);
  }

  private static CachingProvider caffeine() {
    return Caching.getCachingProvider("com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider");
  }

  private static Subject jcache(CachingProvider provider, CacheManager given, Configuration<String, Object> configuration,
      AutoCloseable extra) {
    CacheManager manager = given != null ? given : provider.getCacheManager();
    Cache<String, Object> cache = manager.createCache(CACHE, configuration);
    return new CacheSubject(cache, () -> {
      if (System.getProperty("bench.verbose") != null && cache.isClosed() == false) {
        try {
          dev.strata.cache.CacheStatistics c = cache.unwrap(dev.strata.cache.StrataCache.class).statistics();
          System.out.println("strata counters: l1Hits=" + c.l1Hits() + " l2Hits=" + c.l2Hits() + " misses=" + c.misses());
        } catch (IllegalArgumentException notStrata) {
          // another provider
        }
      }
      manager.close();
      provider.close();
      if (extra != null) {
        extra.close();
      }
    });
  }

  /** Caffeine's jcache with the same size bound as Strata's L1: the like-for-like in-process row. */
  private static Subject caffeineBounded(boolean storeByValue) {
    CaffeineConfiguration<String, Object> configuration = new CaffeineConfiguration<>();
    configuration.setTypes(String.class, Object.class).setStoreByValue(storeByValue);
    configuration.setMaximumSize(OptionalLong.of(L1_MAX_SIZE));
    return jcache(caffeine(), null, configuration, null);
  }

  /**
   * Hazelcast's JCache evicts from 10,000 entries per member by default, spread over partitions,
   * so it would drop some of the benchmark's keys: room for all of them, as the other subjects have.
   */
  private static CacheConfig<String, Object> hazelcastConfiguration() {
    CacheConfig<String, Object> configuration = new CacheConfig<>();
    configuration.setTypes(String.class, Object.class);
    configuration.setEvictionConfig(new EvictionConfig().setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT).setSize(1_000_000));
    return configuration;
  }

  private static Subject hazelcastMember() {
    Config config = new Config().setClusterName(CLUSTER + "-hz");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.getNetworkConfig().setPort(HAZELCAST_PORT);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getJetConfig().setEnabled(false);
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    CachingProvider provider = Caching.getCachingProvider("com.hazelcast.cache.HazelcastMemberCachingProvider");
    CacheManager manager = provider.getCacheManager(null, null, HazelcastCachingProvider.propertiesByInstanceItself(member));
    // Hazelcast's JCache keeps values serialized: store-by-value whatever the configuration asks
    return jcache(provider, manager, hazelcastConfiguration(), member::shutdown);
  }

  /**
   * A client with a Near Cache, against a member in another JVM. BINARY keeps serialized data and
   * deserializes on every hit; OBJECT keeps the deserialized value and returns that same instance
   * on every hit. Both are store-by-value towards the member, which Hazelcast's JCache always is.
   */
  private static Subject hazelcastClient(InMemoryFormat format) {
    RemoteMember member = RemoteMember.start(CLUSTER, REMOTE_PORT);
    ClientConfig config = new ClientConfig().setClusterName(CLUSTER);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.getNetworkConfig().addAddress("127.0.0.1:" + member.port);
    config.addNearCacheConfig(new NearCacheConfig(CACHE).setInMemoryFormat(format).setInvalidateOnChange(true));
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    CachingProvider provider = Caching.getCachingProvider("com.hazelcast.client.cache.HazelcastClientCachingProvider");
    CacheManager manager = provider.getCacheManager(null, null, HazelcastCachingProvider.propertiesByInstanceItself(client));
    return jcache(provider, manager, hazelcastConfiguration(), () -> {
      client.shutdown();
      member.close();
    });
  }

  /** A JSR-107 cache. */
  private static final class CacheSubject extends Subject {
    private final Cache<String, Object> cache;
    private final AutoCloseable closer;

    CacheSubject(Cache<String, Object> cache, AutoCloseable closer) {
      this.cache = cache;
      this.closer = closer;
    }

    @Override
    Object get(String key) {
      return cache.get(key);
    }

    @Override
    void put(String key, Object value) {
      cache.put(key, value);
    }

    @Override
    Map<String, Object> getAll(Set<String> keys) {
      return cache.getAll(keys);
    }

    @Override
    void putAll(Map<String, Object> entries) {
      cache.putAll(entries);
    }

    @Override
    public void close() {
      try {
        closer.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The physical baseline: a ConcurrentHashMap, no copies, no expiry, no statistics. */
  private static final class MapSubject extends Subject {
    private final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();

    @Override
    Object get(String key) {
      return map.get(key);
    }

    @Override
    void put(String key, Object value) {
      map.put(key, value);
    }

    @Override
    Map<String, Object> getAll(Set<String> keys) {
      Map<String, Object> result = new HashMap<>();
      for (String key : keys) {
        Object value = map.get(key);
        if (value != null) {
          result.put(key, value);
        }
      }
      return result;
    }

    @Override
    void putAll(Map<String, Object> entries) {
      map.putAll(entries);
    }

    @Override
    public void close() {
    }
  }
}
