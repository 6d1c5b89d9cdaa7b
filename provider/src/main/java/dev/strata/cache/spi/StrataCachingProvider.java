package dev.strata.cache.spi;

import dev.strata.cache.StrataCacheManager;
import dev.strata.cache.config.CacheSettings;
import dev.strata.cache.config.PropertySource;
import dev.strata.cache.config.ProviderSettings;
import dev.strata.cache.config.SerializationSettings;
import dev.strata.cache.copy.Codec;
import dev.strata.cache.internal.Clock;
import dev.strata.cache.internal.ClusterHandle;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * Strata's JSR-107 {@link CachingProvider}. Managers are scoped by URI and class loader; the
 * managers of one URI share one Hazelcast instance (an embedded loopback member unless configured
 * otherwise), started on first use and shut down when the last of them closes.
 *
 * <p>Hazelcast's jar registers a provider of its own, so select Strata by class name:
 * {@code Caching.getCachingProvider("dev.strata.cache.spi.StrataCachingProvider")}, or with the
 * system property {@code javax.cache.spi.CachingProvider}. Thread-safe.
 */
public final class StrataCachingProvider implements CachingProvider {

  private static final URI DEFAULT_URI = URI.create("strata:default");

  private final Map<ClassLoader, Map<URI, StrataCacheManager>> managers = new WeakHashMap<>();
  private final Map<URI, ClusterHandle> clusters = new HashMap<>();
  private final Clock clock;

  public StrataCachingProvider() {
    this(Clock.SYSTEM);
  }

  /** @param clock the wall clock every cache uses; tests pass a manual one */
  public StrataCachingProvider(Clock clock) {
    this.clock = clock;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a Strata property (from {@code properties} or the system
   *     properties) has an invalid value; the message names the key, the value and what is allowed
   */
  @Override
  public synchronized CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Properties given = properties == null ? new Properties() : properties;
    Map<URI, StrataCacheManager> byUri = managers.computeIfAbsent(loader, k -> new HashMap<>());
    StrataCacheManager manager = byUri.get(managerUri);
    if (manager == null) {
      PropertySource source = PropertySource.of(given);
      ProviderSettings settings = ProviderSettings.from(source);
      CacheSettings.validate(source);
      SerializationSettings serialization = SerializationSettings.from(source);
      ClusterHandle cluster = clusters.computeIfAbsent(managerUri, k -> new ClusterHandle(settings, loader));
      cluster.retain();
      Codec codec = new Codec(loader, serialization.allowList(), serialization.immutableTypes());
      manager = new StrataCacheManager(this, managerUri, loader, given, source, cluster, clock, codec);
      byUri.put(managerUri, manager);
    }
    return manager;
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, getDefaultProperties());
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader());
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    return getClass().getClassLoader();
  }

  @Override
  public URI getDefaultURI() {
    return DEFAULT_URI;
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  @Override
  public void close() {
    for (StrataCacheManager manager : snapshot(null, null)) {
      manager.close();
    }
  }

  @Override
  public void close(ClassLoader classLoader) {
    for (StrataCacheManager manager : snapshot(classLoader == null ? getDefaultClassLoader() : classLoader, null)) {
      manager.close();
    }
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    for (StrataCacheManager manager : snapshot(classLoader == null ? getDefaultClassLoader() : classLoader,
        uri == null ? getDefaultURI() : uri)) {
      manager.close();
    }
  }

  /** Managers matching the class loader and URI (null matches any), copied so closing does not race the map. */
  private synchronized List<StrataCacheManager> snapshot(ClassLoader classLoader, URI uri) {
    List<StrataCacheManager> found = new ArrayList<>();
    managers.forEach((loader, byUri) -> {
      if (classLoader == null || classLoader == loader) {
        byUri.forEach((managerUri, manager) -> {
          if (uri == null || uri.equals(managerUri)) {
            found.add(manager);
          }
        });
      }
    });
    return found;
  }

  /** Called by a manager that closed: a later getCacheManager makes a new one. */
  public synchronized void forget(StrataCacheManager manager) {
    Map<URI, StrataCacheManager> byUri = managers.get(manager.getClassLoader());
    if (byUri != null && byUri.get(manager.getURI()) == manager) {
      byUri.remove(manager.getURI());
      if (byUri.isEmpty()) {
        managers.remove(manager.getClassLoader());
      }
    }
  }

  /** Called by a manager that closed: shuts the URI's Hazelcast instance down after its last user. */
  public void release(URI uri, ClusterHandle cluster) {
    boolean last = cluster.release();
    if (last) {
      synchronized (this) {
        clusters.remove(uri, cluster);
      }
    }
  }

  @Override
  public boolean isSupported(OptionalFeature optionalFeature) {
    return optionalFeature == OptionalFeature.STORE_BY_REFERENCE;
  }
}
