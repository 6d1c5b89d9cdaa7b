package dev.strata.cache;

import dev.strata.cache.management.CacheConfigurationBean;
import dev.strata.cache.management.CoherenceMXBean;
import dev.strata.cache.management.MBeans;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.management.CacheStatisticsMXBean;
import javax.management.ObjectName;

/**
 * The MXBeans of one cache: configuration, JSR-107 statistics and Strata's coherence figures,
 * registered and unregistered as the cache's management and statistics settings change. The beans
 * read through {@link CacheStatistics}; only the statistics bean's {@code clear()} writes. Thread-safe.
 */
final class CacheMBeans {

  private final ObjectName configurationName;
  private final ObjectName statisticsName;
  private final ObjectName coherenceName;
  private final CompleteConfiguration<?, ?> configuration;
  private final Counters counters;
  private final CacheStatistics statistics;

  CacheMBeans(String managerUri, String cacheName, CompleteConfiguration<?, ?> configuration, Counters counters,
              CacheStatistics statistics) {
    this.configurationName = MBeans.name(MBeans.Type.CacheConfiguration, managerUri, cacheName);
    this.statisticsName = MBeans.name(MBeans.Type.CacheStatistics, managerUri, cacheName);
    this.coherenceName = MBeans.name(MBeans.Type.CacheCoherence, managerUri, cacheName);
    this.configuration = configuration;
    this.counters = counters;
    this.statistics = statistics;
  }

  void management(boolean enabled) {
    if (enabled) {
      MBeans.register(new CacheConfigurationBean(configuration), configurationName);
    } else {
      MBeans.unregister(configurationName);
    }
  }

  void statistics(boolean enabled) {
    if (enabled) {
      MBeans.register(new Statistics(counters), statisticsName);
      MBeans.register(new Coherence(statistics), coherenceName);
    } else {
      MBeans.unregister(statisticsName);
      MBeans.unregister(coherenceName);
    }
  }

  void unregisterAll() {
    MBeans.unregister(configurationName);
    MBeans.unregister(statisticsName);
    MBeans.unregister(coherenceName);
  }

  /** The JSR-107 statistics MXBean. */
  static final class Statistics implements CacheStatisticsMXBean {
    private final Counters counters;

    Statistics(Counters counters) {
      this.counters = counters;
    }

    @Override
    public void clear() {
      counters.clear();
    }

    @Override
    public long getCacheHits() {
      return counters.l1Hits() + counters.l2Hits();
    }

    @Override
    public float getCacheHitPercentage() {
      long gets = getCacheGets();
      return gets == 0 ? 0 : getCacheHits() * 100f / gets;
    }

    @Override
    public long getCacheMisses() {
      return counters.misses();
    }

    @Override
    public float getCacheMissPercentage() {
      long gets = getCacheGets();
      return gets == 0 ? 0 : getCacheMisses() * 100f / gets;
    }

    @Override
    public long getCacheGets() {
      return getCacheHits() + getCacheMisses();
    }

    @Override
    public long getCachePuts() {
      return counters.puts();
    }

    @Override
    public long getCacheRemovals() {
      return counters.removals();
    }

    @Override
    public long getCacheEvictions() {
      return counters.evictions();
    }

    @Override
    public float getAverageGetTime() {
      return counters.averageGetMicros();
    }

    @Override
    public float getAveragePutTime() {
      return counters.averagePutMicros();
    }

    @Override
    public float getAverageRemoveTime() {
      return counters.averageRemoveMicros();
    }
  }

  /** Strata's coherence MXBean. */
  static final class Coherence implements CoherenceMXBean {
    private final CacheStatistics statistics;

    Coherence(CacheStatistics statistics) {
      this.statistics = statistics;
    }

    @Override
    public long getInvalidationsReceived() {
      return statistics.invalidationsReceived();
    }

    @Override
    public long getL1Drops() {
      return statistics.l1Drops();
    }

    @Override
    public long getL1DropsOnClusterChange() {
      return statistics.l1ClusterDrops();
    }

    @Override
    public long getStaleHitsRefused() {
      return statistics.staleHitsRefused();
    }

    @Override
    public long getInvalidationLagCount() {
      return statistics.invalidationLag().count();
    }

    @Override
    public long getInvalidationLagP50() {
      return statistics.invalidationLag().p50();
    }

    @Override
    public long getInvalidationLagP99() {
      return statistics.invalidationLag().p99();
    }

    @Override
    public long getInvalidationLagMax() {
      return statistics.invalidationLag().max();
    }

    @Override
    public long getRejectedPayloads() {
      return statistics.rejectedPayloads();
    }

    @Override
    public boolean isLeaseHeld() {
      return statistics.lease().held();
    }

    @Override
    public long getLeaseAgeMillis() {
      return statistics.lease().ageMillis();
    }

    @Override
    public long getLeaseLapses() {
      return statistics.lease().lapses().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public long getLeaseDrops() {
      return statistics.lease().entriesDropped();
    }
  }
}
