package dev.strata.ee.config;

import dev.strata.cache.config.CacheKeyName;
import dev.strata.cache.config.CacheSettings;
import dev.strata.cache.config.ProviderSettings;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads {@code strata.*} keys from MicroProfile Config; loaded only when its API is present.
 *
 * <p>Environment variables take MicroProfile Config's form of a key: every character that is not
 * a letter or a digit becomes '_', upper case ({@code STRATA_HAZELCAST_CLUSTER_NAME}). Config lists
 * them under that name, and some implementations also under a dotted name guessed from it
 * ({@code strata.hazelcast.cluster.name}), which is not a Strata key. Such names are mapped back
 * to the key they stand for, and the value is read under that key, which Config resolves to the
 * variable. A per-cache variable names its cache in upper case with '_', so it is read for the
 * cache of that name in lower case ({@code STRATA_CACHE_USER_DATA_TTL} for cache {@code user_data}).
 */
final class MicroProfileConfigReader {

  private static final String CACHE_ENV_PREFIX = "STRATA_CACHE_";

  /** The Hazelcast keys and the management switch by their environment form. */
  private static final Map<String, String> FIXED_KEYS = Stream.of(ProviderSettings.MODE, ProviderSettings.CLUSTER_NAME,
          ProviderSettings.MEMBERS, ProviderSettings.PORT, ProviderSettings.CONFIG, ProviderSettings.INSTANCE_NAME,
          ProviderSettings.CONNECT_TIMEOUT, StrataConfig.MANAGEMENT_ENABLED)
      .collect(Collectors.toUnmodifiableMap(MicroProfileConfigReader::environmentForm, Function.identity()));

  /** The per-cache settings, longest first, so that {@code L1_MAX_SIZE} is tried before a shorter setting could match. */
  private static final List<String> CACHE_SETTINGS = CacheSettings.KEYS.stream()
      .sorted(Comparator.comparingInt(String::length).reversed())
      .toList();

  private MicroProfileConfigReader() {
  }

  static Properties read(ClassLoader classLoader) {
    Properties properties = new Properties();
    Config config;
    try {
      config = ConfigProvider.getConfig(classLoader);
    } catch (IllegalStateException | LinkageError noImplementation) {
      // the API without an implementation: system properties still apply through the provider
      return properties;
    }
    for (String name : config.getPropertyNames()) {
      String key = strataKey(name);
      if (key == null) {
        continue;
      }
      Optional<String> value = config.getOptionalValue(key, String.class);
      if (value.isPresent()) {
        properties.setProperty(key, value.get());
      } else if (name.startsWith("strata.")) {
        // no variable stands behind the name: it was written so (strata.cache.users.max.staleness), and validation reports it
        config.getOptionalValue(name, String.class).ifPresent(written -> properties.setProperty(name, written));
      }
    }
    return properties;
  }

  /**
   * @return the Strata key a property name stands for: the name itself if it is written as a
   *     per-cache key; the key of which it is the environment form; else the name itself if it is
   *     dotted (so that validation names an unknown key); null if it is no Strata key
   */
  static String strataKey(String name) {
    boolean dotted = name.startsWith("strata.");
    if (!dotted && !name.startsWith("STRATA_")) {
      return null;
    }
    String environment = environmentForm(name);
    String fixed = FIXED_KEYS.get(environment);
    if (fixed != null) {
      return fixed;
    }
    if (dotted && CacheKeyName.parse(name).isPresent()) {
      // as written: the cache name keeps its case and punctuation
      return name;
    }
    if (environment.startsWith(CACHE_ENV_PREFIX)) {
      for (String setting : CACHE_SETTINGS) {
        String suffix = "_" + environmentForm(setting);
        if (environment.endsWith(suffix) && environment.length() > CACHE_ENV_PREFIX.length() + suffix.length()) {
          String cacheName = environment.substring(CACHE_ENV_PREFIX.length(), environment.length() - suffix.length());
          return new CacheKeyName(cacheName.toLowerCase(Locale.ROOT), setting).propertyName();
        }
      }
    }
    return dotted ? name : null;
  }

  /** MicroProfile Config's environment variable form of a property name. */
  private static String environmentForm(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }
}
