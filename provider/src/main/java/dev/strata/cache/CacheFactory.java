package dev.strata.cache;

import com.hazelcast.core.HazelcastInstance;
import dev.strata.cache.config.CacheSettings;
import dev.strata.cache.config.PropertySource;
import dev.strata.cache.copy.AllowList;
import dev.strata.cache.copy.Codec;
import dev.strata.cache.event.EventDispatcher;
import dev.strata.cache.internal.Clock;
import dev.strata.cache.internal.ClusterHandle;
import dev.strata.cache.internal.DaemonThreads;
import dev.strata.cache.internal.HazelcastFactory;
import dev.strata.cache.tier.CaffeineLocalTier;
import dev.strata.cache.tier.Encoder;
import dev.strata.cache.tier.GroupIndex;
import dev.strata.cache.tier.HazelcastTier;
import dev.strata.cache.tier.InvalidationStream;
import dev.strata.cache.tier.Lease;
import dev.strata.cache.tier.LeaseRenewals;
import dev.strata.cache.tier.JCacheExpiry;
import dev.strata.cache.tier.LocalTier;
import dev.strata.cache.tier.RemoteTier;
import dev.strata.cache.tier.RepairingHandler;
import dev.strata.cache.tier.TieredStore;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.configuration.MutableConfiguration;

/**
 * Builds a {@link StrataCache} from its configuration, one step per concern: where its entries
 * live, its L1, its JSR-107 adapters, its statistics, and the subscriptions that keep L1 coherent.
 * Stateless.
 */
final class CacheFactory {

  private static final System.Logger LOG = System.getLogger(CacheFactory.class.getName());

  private CacheFactory() {
  }

  static <K, V> StrataCache<K, V> build(StrataCacheManager manager, String cacheName,
                                        MutableConfiguration<K, V> configuration, CacheSettings settings,
                                        PropertySource source, ClusterHandle cluster, Codec codec, Clock clock,
                                        Executor loads) {
    // the application's own types may be decoded on every JVM that configures the same cache
    AllowList.allowApplicationType(configuration.getKeyType());
    AllowList.allowApplicationType(configuration.getValueType());

    // L2: a Hazelcast map per cache, shared by every JVM with the same URI and cluster. A store-by-reference
    // cache, as JSR-107 allows, takes keys and values that are not Serializable
    boolean byReference = !configuration.isStoreByValue();
    HazelcastInstance instance = cluster.instance();
    String mapName = HazelcastFactory.MAP_PREFIX + manager.getURI() + "/" + cacheName;
    // bounded per member before the map is first used, so that it never grows until the members run out of heap
    L2Bound.configure(instance, cacheName, mapName, settings.bounds(),
        instance.getLocalEndpoint() instanceof com.hazelcast.cluster.Member);
    com.hazelcast.map.IMap<byte[], byte[]> map = instance.getMap(mapName);
    RemoteTier l2 = new HazelcastTier(cacheName, map, instance.getTopic(mapName), codec, clock,
        !byReference, L2UnavailableException::new, settings.staleIfError() == null ? 0 : settings.staleIfError().toMillis());

    // L1: a store-by-reference cache hands out the instances L1 holds, so it has one whatever l1.enabled says
    Counters counters = new Counters();
    if (byReference && !settings.l1Enabled()) {
      LOG.log(System.Logger.Level.INFO, "Cache ''{0}'' stores by reference, so it keeps an L1 of the instances put "
          + "and read on this JVM although {1} is false", cacheName, CacheSettings.key(source, cacheName, "l1.enabled"));
    }
    boolean l1Enabled = settings.l1Enabled() || byReference;
    LocalTier<K> l1 = l1Enabled ? CaffeineLocalTier.create(settings.l1MaxSize(), settings.bounds().l1MaxBytes(),
        counters::l1Evicted)
        : LocalTier.disabled();

    // JSR-107 semantics around the store
    StrataExpiry<?, ?> chosen = manager.expiryOf(cacheName, settings);
    JCacheExpiry expiry = chosen == null ? JCacheExpiry.of(configuration.getExpiryPolicyFactory())
        : JCacheExpiry.chosen(new ChosenExpiry<>(cacheName, requireNoFixedExpiry(cacheName, configuration, chosen)));
    JCacheWriter<K, V> writer = JCacheWriter.of(cacheName, configuration);
    EventDispatcher<K, V> events = new EventDispatcher<>(cacheName, l2,
        DaemonThreads.named("strata-events-" + cacheName));
    Encoder encoder = new Encoder(cacheName, l2);
    // the indexes that invalidate a tag, or the keys under a prefix, at the cost of what they remove
    GroupIndex groups = new GroupIndex(cacheName, instance, HazelcastFactory.TAGS_PREFIX + manager.getURI() + "/"
        + cacheName, settings.prefixInvalidation() ? HazelcastFactory.KEYS_PREFIX + manager.getURI() + "/" + cacheName
        : null, L2UnavailableException::new);
    // the staleness bound: a lease on the members' numbered invalidation stream, read as an embedded member or
    // as a client; a deadline per entry only where neither is at hand
    InvalidationStream stream = l1Enabled ? InvalidationStream.of(instance, mapName, settings.maxStaleness()) : null;
    Lease lease = stream != null ? Lease.streamed(settings.maxStaleness(), stream.partitions())
        : Lease.perEntry(settings.maxStaleness());
    TieredStore<K> store = TieredStore.of(l2, l1, encoder, codec, clock, lease, byReference,
        expiry, events, counters, groups, settings.staleIfError() == null ? 0 : settings.staleIfError().toMillis());
    RepairingHandler<K> repairing = new RepairingHandler<>(l1, encoder, clock, lease, counters);
    JCacheLoader<K, V> loader = JCacheLoader.of(cacheName, configuration, store, encoder, expiry, events);
    EntryWriting<K, V> writing = new EntryWriting<>(store, encoder, expiry, writer, counters, events);
    Freshness<K, V> freshness = new Freshness<>(cacheName, store, encoder, clock, counters, manager::flights, settings,
        writing::putRefreshed);
    EntryReading<K, V> reading = new EntryReading<>(store, loader, counters, loads, freshness);
    EntryRemoval<K, V> removal = new EntryRemoval<>(cacheName, store, encoder, writer, counters, events);
    EntryProcessing<K, V> processing = new EntryProcessing<>(cacheName, store, encoder, expiry, loader, writer,
        counters, events);

    // statistics, read through one public view by JMX, metrics and applications alike
    // the annotations' switch: configured, then flipped at run time through the cache
    AtomicBoolean enabled = new AtomicBoolean(settings.enabled());
    CacheStatistics statistics = new LiveStatistics(counters, store, repairing, store::rejectedPayloads,
        () -> CachePolicy.of(cacheName, configuration, chosen != null ? chosen : expiry.policy(), l1Enabled,
            settings, enabled.get()));
    CacheMBeans mbeans = new CacheMBeans(manager.getURI().toString(), cacheName, configuration, counters, statistics);

    CacheLifecycle<K, V> lifecycle = new CacheLifecycle<>(cacheName, configuration, store, counters, events, mbeans,
        loader, writer, expiry);
    StrataCache<K, V> cache = new StrataCache<>(cacheName, manager, configuration, settings, store, counters, reading,
        writing, processing, removal, lifecycle, statistics, enabled, freshness);
    events.bind(cache);

    // coherence: invalidations and cluster changes drop what L1 may hold stale; on a numbered stream, the
    // lease is reconciled with the members four times per max-staleness, well inside the bound
    AutoCloseable evictions = L2Bound.listen(map, evictedKey -> {
      counters.l2Evicted();
      repairing.evicted(evictedKey);
    });
    AutoCloseable invalidation = evictions;
    if (l1.enabled()) {
      AutoCloseable changes = stream != null ? stream.open(repairing.streamSink()) : l2.onChange(repairing.changes());
      LeaseRenewals renewals = stream != null ? manager.leaseRenewals() : null;
      AutoCloseable clusterEvents = cluster.watch().register(() -> {
        repairing.clusterChanged();
        if (renewals != null) {
          // the lease lapsed with the cluster change: renew it as soon as the members answer again
          renewals.now();
        }
      });
      // the first numbers before the cache is handed out, so that L1 serves from the first read
      AutoCloseable renewed = renewals != null ? renewals.register(repairing, stream, settings.maxStaleness())
          : () -> { };
      invalidation = () -> {
        evictions.close();
        renewed.close();
        clusterEvents.close();
        changes.close();
      };
    }
    lifecycle.start(invalidation);
    return cache;
  }

  /**
   * @return {@code chosen}, once sure the configuration sets no fixed expiry beside it
   * @throws javax.cache.CacheException naming both and the fix
   */
  @SuppressWarnings("unchecked")
  private static <K, V> StrataExpiry<K, V> requireNoFixedExpiry(String cacheName, MutableConfiguration<K, V> configuration,
                                                               StrataExpiry<?, ?> chosen) {
    javax.cache.configuration.Factory<javax.cache.expiry.ExpiryPolicy> factory = configuration.getExpiryPolicyFactory();
    Object policy = factory == null ? null : factory.create();
    if (policy != null && policy.getClass() != javax.cache.expiry.EternalExpiryPolicy.class) {
      throw new javax.cache.CacheException("Cache '" + cacheName + "' has two expiries: the StrataExpiry "
          + chosen.getClass().getName() + " and the configuration's ExpiryPolicy " + policy.getClass().getName()
          + ". Keep one: remove the ExpiryPolicy from the cache's configuration (or its strata.cache." + cacheName
          + ".ttl / .expiry keys), or remove strata.cache." + cacheName + ".expiry-class and the StrataExpiry bean.");
    }
    return (StrataExpiry<K, V>) chosen;
  }

}
