package dev.strata.cache;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryEvictedListener;
import dev.strata.cache.config.Bounds;
import java.util.UUID;
import javax.cache.CacheException;

/**
 * The size bound of one cache's map in L2: a map configuration of its exact name, added to the
 * cluster before the map is first used, that evicts past {@code l2.max-size} entries per member
 * ({@code PER_NODE}, which Hazelcast applies per partition, so the bound is approximate), least
 * recently or least frequently used first. Hazelcast tells every JVM's L1 of an eviction as of any
 * removal. An operator's own configuration for the exact map name wins. Each JVM counts the evictions
 * of the whole cluster through a key-only listener. Stateless.
 */
final class L2Bound {

  private static final System.Logger LOG = System.getLogger(L2Bound.class.getName());

  private L2Bound() {
  }

  /**
   * Adds the bound to the cluster's configuration of {@code mapName}, unless an operator configured
   * that exact map.
   *
   * @throws CacheException if another JVM configured the same cache with another bound
   */
  static void configure(HazelcastInstance instance, String cacheName, String mapName, Bounds bounds, boolean member) {
    Config config = instance.getConfig();
    MapConfig mapConfig;
    if (member) {
      // findMapConfig, not getMapConfig: the latter registers a copy of what matches under this exact
      // name as static configuration, which would then win over the bound added below
      MapConfig found = config.findMapConfig(mapName);
      if (!found.getName().equals("default")) {
        // an operator's own (static, by exact name or pattern), or another JVM's bound of this cache
        if (!found.getName().equals(mapName)) {
          LOG.log(System.Logger.Level.INFO, "Cache ''{0}'': the member''s configuration names its map {1} (as {2}), and "
              + "Hazelcast lets that win: its eviction applies, not l2.max-size", cacheName, mapName, found.getName());
        } else if (found.getEvictionConfig().getSize() != bounds.l2MaxSize()
            || !found.getEvictionConfig().getEvictionPolicy().name().equals(bounds.l2Eviction().name())) {
          throw differs(cacheName, bounds, null);
        }
        return;
      }
      mapConfig = new MapConfig(found).setName(mapName).setStatisticsEnabled(false);
    } else {
      mapConfig = new MapConfig(mapName).setInMemoryFormat(InMemoryFormat.BINARY).setBackupCount(1)
          .setStatisticsEnabled(false);
    }
    mapConfig.setEvictionConfig(new EvictionConfig()
        .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
        .setSize(bounds.l2MaxSize())
        .setEvictionPolicy(bounds.l2Eviction() == Bounds.Eviction.LFU ? EvictionPolicy.LFU : EvictionPolicy.LRU));
    try {
      config.addMapConfig(mapConfig);
    } catch (InvalidConfigurationException e) {
      throw differs(cacheName, bounds, e);
    }
  }

  private static CacheException differs(String cacheName, Bounds bounds, RuntimeException cause) {
    return new CacheException("Cache '" + cacheName + "' is bounded in L2 differently on another JVM of the cluster: "
        + "this JVM asks for l2.max-size=" + bounds.l2MaxSize() + " and l2.eviction=" + bounds.l2Eviction()
        .name().toLowerCase(java.util.Locale.ROOT) + ". Set the same strata.cache." + cacheName + ".l2.max-size and "
        + ".l2.eviction on every JVM (or restart the cluster to change them)."
        + (cause == null ? "" : " " + cause.getMessage()), cause);
  }

  /** Tells {@code evicted} the key of each eviction from the cluster's copy of the map; closing stops it. */
  static AutoCloseable listen(IMap<byte[], byte[]> map, java.util.function.Consumer<byte[]> evicted) {
    UUID registration = map.addEntryListener((EntryEvictedListener<byte[], byte[]>) event -> evicted.accept(
        event.getKey()), false);
    return () -> map.removeEntryListener(registration);
  }
}
