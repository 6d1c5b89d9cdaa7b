package dev.strata.cache;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.strata.cache.config.PropertySource;
import dev.strata.cache.config.SerializationSettings;
import dev.strata.cache.copy.Codec;
import dev.strata.cache.spi.StrataCachingProvider;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;

/**
 * Test fixture: one Strata "JVM" — a provider, its cache manager for {@link Cluster#URI}, and the
 * Hazelcast instance behind it. Made by {@link Cluster}, which closes it. Not thread-safe.
 */
final class Node implements AutoCloseable {

  private final StrataCachingProvider provider;
  private final StrataCacheManager manager;
  private final boolean member;

  Node(StrataCachingProvider provider, Properties properties) {
    this.provider = provider;
    this.member = !"client".equals(properties.getProperty("strata.hazelcast.mode"));
    this.manager = (StrataCacheManager) provider.getCacheManager(Cluster.URI, Node.class.getClassLoader(), properties);
  }

  /**
   * @return the store-by-value cache {@code name} of this node, created with statistics on (so
   *     that L1 and L2 hits are counted) if it does not exist yet; starts the Hazelcast instance
   */
  @SuppressWarnings("unchecked")
  <K, V> StrataCache<K, V> cache(String name, Class<K> keyType, Class<V> valueType) {
    Cache<K, V> cache = manager.getCache(name, keyType, valueType);
    if (cache == null) {
      cache = manager.createCache(name, new MutableConfiguration<K, V>()
          .setTypes(keyType, valueType)
          .setStatisticsEnabled(true));
    }
    return cache.unwrap(StrataCache.class);
  }

  /** @return a codec with the default allow-list and sharing rule, as a manager without Strata properties has */
  static Codec codec() {
    SerializationSettings defaults = SerializationSettings.from(PropertySource.of(new Properties()));
    return new Codec(Node.class.getClassLoader(), defaults.allowList(), defaults.immutableTypes());
  }

  /** @return whether this node is a Hazelcast member (embedded mode) rather than a client */
  boolean isMember() {
    return member;
  }

  StrataCacheManager manager() {
    return manager;
  }

  /** @return the running Hazelcast instance, or null before the first cache or after a terminate */
  HazelcastInstance hazelcast() {
    return manager.hazelcastInstance();
  }

  /** @return the Hazelcast map behind cache {@code name}, as the cluster sees it */
  IMap<byte[], byte[]> map(String cacheName) {
    return hazelcast().getMap("strata/" + Cluster.URI + "/" + cacheName);
  }

  /** Kills this node's Hazelcast instance without any goodbye, as a crashed JVM would. */
  void terminate() {
    hazelcast().getLifecycleService().terminate();
  }

  @Override
  public void close() {
    provider.close();
  }
}
