package dev.strata.cache;

import com.hazelcast.core.HazelcastInstance;
import dev.strata.cache.config.CacheSettings;
import dev.strata.cache.config.PropertySource;
import dev.strata.cache.copy.AllowList;
import dev.strata.cache.copy.Codec;
import dev.strata.cache.internal.Clock;
import dev.strata.cache.internal.DaemonThreads;
import dev.strata.cache.internal.HazelcastFactory;
import dev.strata.cache.internal.ClusterHandle;
import dev.strata.cache.tier.LeaseRenewals;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * The caches of one URI and class loader. Every cache keeps its entries in a Hazelcast map named
 * {@code strata/<uri>/<cache>}, shared by every JVM that uses the same URI and cluster, whether it
 * stores by value or by reference: the two differ only in what L1 hands out. The Hazelcast
 * instance belongs to the provider and URI and is shared with the other class loaders' managers.
 * Thread-safe.
 */
public final class StrataCacheManager implements CacheManager {

  private final CachingProvider provider;
  private final Consumer<StrataCacheManager> onClose;
  private final URI uri;
  private final ClassLoader classLoader;
  private final Properties properties;
  private final PropertySource source;
  private final ClusterHandle cluster;
  private final Clock clock;
  private final Codec codec;
  private final ConcurrentMap<String, StrataCache<?, ?>> caches = new ConcurrentHashMap<>();
  /** The leases' reconciliations of this manager's caches, one request per member per round; made with the first lease. */
  private LeaseRenewals renewals;
  private final ExecutorService loads;
  private final List<CacheObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final ValueExpiries expiries;
  /** The leases of computations in flight, shared by this manager's caches; made on first use. */
  private ClusterFlights flights;
  private volatile boolean closed;

  /**
   * @param source settings already validated by the provider
   * @param codec  the keys' and values' L2 form, with the allow-list and sharing rule of this class loader
   * @param onClose told first when this manager closes, so the provider hands out a new one from then on
   */
  public StrataCacheManager(CachingProvider provider, URI uri, ClassLoader classLoader, Properties properties,
                            PropertySource source, ClusterHandle cluster, Clock clock, Codec codec,
                            Consumer<StrataCacheManager> onClose) {
    this.provider = provider;
    this.onClose = onClose;
    this.uri = uri;
    this.classLoader = classLoader;
    this.properties = properties;
    this.source = source;
    this.cluster = cluster;
    this.clock = clock;
    this.codec = codec;
    this.expiries = new ValueExpiries(source, classLoader);
    this.loads = Executors.newCachedThreadPool(DaemonThreads.named("strata-load-" + uri));
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader;
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(configuration, "configuration");
    MutableConfiguration<K, V> copy = copyOf(configuration);
    CacheSettings settings = CacheSettings.of(source, cacheName);
    settings.applyTo(copy);
    synchronized (caches) {
      if (caches.containsKey(cacheName)) {
        throw new CacheException("Cache '" + cacheName + "' already exists in cache manager " + uri
            + "; use getCache(\"" + cacheName + "\") to reach it, or destroyCache first");
      }
      StrataCache<K, V> cache = CacheFactory.build(this, cacheName, copy, settings, source, cluster, codec, clock, loads);
      caches.put(cacheName, cache);
      for (CacheObserver observer : observers) {
        observer.created(cache);
      }
      return cache;
    }
  }

  /**
   * Returns the cache, creating it with {@code configuration} if this manager has none of that
   * name, in one atomic step.
   */
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getOrCreateCache(String cacheName, Configuration<K, V> configuration) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    StrataCache<?, ?> existing = caches.get(cacheName);
    if (existing != null) {
      return (Cache<K, V>) existing;
    }
    synchronized (caches) {
      existing = caches.get(cacheName);
      return existing != null ? (Cache<K, V>) existing : createCache(cacheName, configuration);
    }
  }

  /**
   * Declares classes as the application's own: values of their packages (subpackages included)
   * may be decoded from the cluster by every cache manager of this copy of Strata. Caches learn
   * their configured key and value types by themselves; the CDI layer declares the beans and the
   * types of the cache-annotated methods as it discovers them. JDK and platform types add nothing.
   */
  public static void allowApplicationTypes(Iterable<Class<?>> types) {
    for (Class<?> type : types) {
      AllowList.allowApplicationType(type);
    }
  }

  /**
   * Removes every entry tagged {@code tag} (see {@link StrataCache#put(Object, Object, java.util.Collection)})
   * from the named caches of this URI, or from all of them when none is named, in every JVM: each
   * JVM's L1 hears of each removal as of any other. Caches this JVM has not opened are included:
   * their entries are removed in L2 directly, and only their listeners hear nothing. The writer is
   * not called. The cost grows with the entries removed, not with the caches.
   *
   * @return how many entries it removed
   * @throws IllegalArgumentException if a named cache is neither open here nor tagged anywhere
   */
  public long invalidateTag(String tag, String... cacheNames) {
    requireOpen();
    Objects.requireNonNull(tag, "tag");
    ClusterTags cluster = new ClusterTags(uri, this.cluster.instance());
    java.util.Set<String> tagged = cluster.taggedCaches();
    java.util.Set<String> targets = new java.util.TreeSet<>(java.util.List.of(cacheNames));
    if (cacheNames.length == 0) {
      targets.addAll(caches.keySet());
      targets.addAll(tagged);
    }
    for (String cacheName : targets) {
      if (!caches.containsKey(cacheName) && !tagged.contains(cacheName)) {
        throw new IllegalArgumentException("Cache manager " + uri + " has no cache '" + cacheName + "' to invalidate "
            + "the tag '" + tag + "' in: it is not open here and no JVM has tagged an entry in it. Caches open here: "
            + caches.keySet());
      }
    }
    long removed = 0;
    for (String cacheName : targets) {
      StrataCache<?, ?> cache = caches.get(cacheName);
      removed += cache != null ? cache.invalidateTag(tag) : cluster.invalidate(cacheName, tag);
    }
    return removed;
  }

  /**
   * Writes a probe entry, reads it back from L2 and from this JVM's L1, and removes it, timing each
   * step, in cache {@value SelfTest#CACHE}: what an operator runs to see that the cache works end to end.
   */
  public SelfTest selfTest() {
    requireOpen();
    return SelfTest.run(this);
  }

  /** Adds an observer, and tells it about every cache that exists already. */
  public void addObserver(CacheObserver observer) {
    synchronized (caches) {
      observers.add(observer);
      for (StrataCache<?, ?> cache : caches.values()) {
        observer.created(cache);
      }
    }
  }

  /** @return the Hazelcast instance, started now if it was not running yet */
  public HazelcastInstance connect() {
    requireOpen();
    return cluster.instance();
  }

  @SuppressWarnings("unchecked")
  private static <K, V> MutableConfiguration<K, V> copyOf(Configuration<K, V> configuration) {
    if (configuration instanceof CompleteConfiguration<?, ?> complete) {
      return new MutableConfiguration<>((CompleteConfiguration<K, V>) complete);
    }
    return new MutableConfiguration<K, V>()
        .setTypes(configuration.getKeyType(), configuration.getValueType())
        .setStoreByValue(configuration.isStoreByValue());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    StrataCache<?, ?> cache = caches.get(cacheName);
    if (cache == null) {
      return null;
    }
    CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
    if (!configuration.getKeyType().equals(keyType) || !configuration.getValueType().equals(valueType)) {
      throw new ClassCastException("Cache '" + cacheName + "' has types <" + configuration.getKeyType().getName()
          + ", " + configuration.getValueType().getName() + ">, but getCache() asked for <" + keyType.getName()
          + ", " + valueType.getName() + ">");
    }
    return (Cache<K, V>) cache;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getCache(String cacheName) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    return (Cache<K, V>) caches.get(cacheName);
  }

  @Override
  public Iterable<String> getCacheNames() {
    requireOpen();
    return Collections.unmodifiableList(new ArrayList<>(caches.keySet()));
  }

  @Override
  public void destroyCache(String cacheName) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    StrataCache<?, ?> cache = caches.remove(cacheName);
    if (cache != null) {
      cache.destroy();
      notifyRemoved(cache);
    }
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    StrataCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setManagement(enabled);
    }
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    StrataCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setStatistics(enabled);
    }
  }

  /** Called by a cache that closed itself. */
  void forget(StrataCache<?, ?> cache) {
    if (caches.remove(cache.getName(), cache)) {
      notifyRemoved(cache);
    }
  }

  private void notifyRemoved(StrataCache<?, ?> cache) {
    for (CacheObserver observer : observers) {
      observer.removed(cache);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    onClose.accept(this);
    for (StrataCache<?, ?> cache : caches.values()) {
      cache.shutdown();
      notifyRemoved(cache);
    }
    caches.clear();
    loads.shutdown();
    synchronized (this) {
      if (renewals != null) {
        renewals.close();
      }
      if (flights != null) {
        flights.close();
      }
    }
    // the URI's Hazelcast instance stops with its last manager, unless the application owns it
    cluster.release();
  }

  /** @return the leases of keys being computed, in a map {@code strata-flights/<uri>}, made on first use */
  synchronized ClusterFlights flights() {
    if (flights == null) {
      flights = new ClusterFlights(cluster.instance().getMap(HazelcastFactory.FLIGHTS_PREFIX + uri), uri.toString());
    }
    return flights;
  }

  /**
   * Sets the expiry that chooses the lifetime of each entry of cache {@code cacheName} from its
   * value, for when the cache is created; it takes the place of {@code strata.cache.<name>.expiry-class}.
   *
   * @throws IllegalStateException if the cache exists already
   */
  public void setExpiry(String cacheName, StrataExpiry<?, ?> expiry) {
    synchronized (caches) {
      expiries.set(cacheName, expiry, caches.containsKey(cacheName));
    }
  }

  /** @return the cache's value-chosen expiry: set by the application, else made from its expiry-class key; or null */
  StrataExpiry<?, ?> expiryOf(String cacheName, CacheSettings settings) {
    return expiries.of(cacheName, settings);
  }

  /** @return the reconciliations of this manager's leases, started on first use */
  synchronized LeaseRenewals leaseRenewals() {
    if (renewals == null) {
      renewals = new LeaseRenewals(DaemonThreads.named("strata-lease-" + uri));
    }
    return renewals;
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
    throw new IllegalArgumentException("Cache manager " + uri + " cannot be unwrapped to " + clazz.getName()
        + "; it can be unwrapped to " + StrataCacheManager.class.getName());
  }

  /** Where this manager's L2 stands. */
  public enum L2State {
    /** No cache needed Hazelcast yet, and nobody called {@link #connect}. */
    NOT_STARTED,
    /** The member runs, or the client runs and is connected. */
    RUNNING,
    /** The client runs but has lost its cluster; it keeps trying to reconnect. */
    DISCONNECTED,
    /** The instance stopped (shut down or terminated); the caches of this manager cannot work any more. */
    STOPPED
  }

  /** @return where L2 stands now; never starts an instance */
  public L2State l2State() {
    HazelcastInstance instance = cluster.startedInstance();
    if (instance == null) {
      return L2State.NOT_STARTED;
    }
    if (!instance.getLifecycleService().isRunning()) {
      return L2State.STOPPED;
    }
    return cluster.watch().connected() ? L2State.RUNNING : L2State.DISCONNECTED;
  }

  /** @return the Hazelcast instance if it is running, else null; never starts one */
  public HazelcastInstance hazelcastInstance() {
    return cluster.runningInstance();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Cache manager " + uri + " is closed; get a new one from the CachingProvider");
    }
  }
}
