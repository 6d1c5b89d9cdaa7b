package dev.strata.ee.config;

import dev.strata.cache.config.CacheKeyName;
import dev.strata.cache.config.CacheSettings;
import dev.strata.cache.config.PropertySource;
import dev.strata.cache.config.ProviderSettings;
import dev.strata.ee.annotation.AnnotationPolicy;
import dev.strata.ee.warming.WarmingSettings;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Strata's settings as an application sees them: every {@code strata.*} key from MicroProfile
 * Config when it is present (which includes system properties, environment variables and
 * {@code microprofile-config.properties}), else from system properties. {@link #load} validates
 * every key, so a bad value fails deployment with a message naming the key, the value and what is
 * allowed. Immutable and thread-safe.
 */
public final class StrataConfig {

  /** Whether the management REST API at {@code <context root>/strata} is registered; false by default. */
  public static final String MANAGEMENT_ENABLED = "strata.management.enabled";

  /**
   * Rounds of the warm-up of the request path run once L2 is up, before readiness reports UP: 500
   * by default, 0 for none.
   */
  public static final String WARM_UP_ROUNDS = "strata.warm-up.rounds";
  private static final int DEFAULT_WARM_UP_ROUNDS = 500;

  private final Properties properties;
  private final PropertySource source;
  private final ConcurrentMap<String, AnnotationPolicy> policies = new ConcurrentHashMap<>();

  private StrataConfig(Properties properties) {
    this.properties = properties;
    this.source = PropertySource.of(properties);
  }

  /**
   * Reads and validates the configuration.
   *
   * @throws IllegalArgumentException naming the first invalid key, its value and what is allowed
   */
  public static StrataConfig load(ClassLoader classLoader) {
    return of(read(classLoader));
  }

  /** Validates given properties (tests, and applications that build their own). */
  public static StrataConfig of(Properties properties) {
    StrataConfig config = new StrataConfig(properties);
    config.validate();
    return config;
  }

  private static Properties read(ClassLoader classLoader) {
    try {
      Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, classLoader);
    } catch (ClassNotFoundException | LinkageError noMicroProfileConfig) {
      return new Properties();
    }
    return MicroProfileConfigReader.read(classLoader);
  }

  private void validate() {
    ProviderSettings.from(source);
    metricsSystem();
    managementEnabled();
    warmUpRounds();
    CacheSettings.validate(source);
    for (String key : source.keys()) {
      CacheKeyName.parse(key)
          .filter(name -> name.setting().equals(CacheSettings.SINGLE_FLIGHT_TIMEOUT) || name.setting().equals(CacheSettings.NULL_CACHING))
          .ifPresent(name -> policy(name.cacheName()));
      CacheKeyName.parse(key).filter(StrataConfig::warmingKey).ifPresent(name -> warming(name.cacheName()));
    }
  }

  private static boolean warmingKey(CacheKeyName name) {
    return name.setting().equals(CacheSettings.WARM_KEYS) || name.setting().equals(CacheSettings.WARM_REQUIRED);
  }

  /** @return every Strata key and value, as the provider takes them for {@code getCacheManager} */
  public Properties properties() {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  /** @return the annotation policy of a cache (single-flight timeout, null caching) */
  public AnnotationPolicy policy(String cacheName) {
    return policies.computeIfAbsent(cacheName, name -> new AnnotationPolicy(
        source.positiveDuration(CacheSettings.key(source, name, CacheSettings.SINGLE_FLIGHT_TIMEOUT),
            AnnotationPolicy.DEFAULT.singleFlightTimeout()),
        source.bool(CacheSettings.key(source, name, CacheSettings.NULL_CACHING), AnnotationPolicy.DEFAULT.nullCaching())));
  }

  /** @return the warming settings of a cache ({@code warm.keys}, {@code warm.required}) */
  public WarmingSettings warming(String cacheName) {
    return WarmingSettings.of(source, cacheName);
  }

  /** @return the caches named in a {@code warm.keys} or {@code warm.required} key, the default aside */
  public Set<String> warmedCaches() {
    Set<String> names = new TreeSet<>();
    for (String key : source.keys()) {
      CacheKeyName.parse(key).filter(StrataConfig::warmingKey)
          .filter(name -> !name.cacheName().equals(CacheSettings.DEFAULT_CACHE))
          .ifPresent(name -> names.add(name.cacheName()));
    }
    return names;
  }

  /** @return the metrics system asked for with {@code strata.metrics.system}, {@link MetricsSystem#AUTO} by default */
  public MetricsSystem metricsSystem() {
    return source.choice(MetricsSystem.KEY, MetricsSystem.class, MetricsSystem.AUTO);
  }

  /** @return the rounds of {@code strata.warm-up.rounds}, 500 by default */
  public int warmUpRounds() {
    return source.nonNegativeInt(WARM_UP_ROUNDS, DEFAULT_WARM_UP_ROUNDS);
  }

  /** @return whether {@code strata.management.enabled} turns the management REST API on */
  public boolean managementEnabled() {
    return source.bool(MANAGEMENT_ENABLED, false);
  }

  /** @return the Strata settings of a cache, as the provider will apply them */
  public CacheSettings settings(String cacheName) {
    return CacheSettings.of(source, cacheName);
  }
}
