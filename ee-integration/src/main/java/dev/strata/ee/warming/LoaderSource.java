package dev.strata.ee.warming;

import dev.strata.cache.config.CacheKeyName;
import dev.strata.cache.config.CacheSettings;
import java.util.List;
import javax.cache.Cache;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.integration.CacheLoader;

/**
 * The keys of {@code strata.cache.<name>.warm.keys}, loaded through the cache's own
 * {@code CacheLoader} ({@code loadAll}, one batch at a time). The keys are written as text, so the
 * cache's key type must be {@code String}, {@code Long}, {@code Integer} or {@code Object}.
 */
final class LoaderSource implements WarmingSource {

  private final List<String> keys;

  LoaderSource(List<String> keys) {
    this.keys = List.copyOf(keys);
  }

  @Override
  public void load(Cache<Object, Object> cache, Sink sink) throws Exception {
    @SuppressWarnings("unchecked")
    CompleteConfiguration<Object, Object> configuration = cache.getConfiguration(CompleteConfiguration.class);
    Factory<CacheLoader<Object, Object>> factory = configuration.getCacheLoaderFactory();
    String property = new CacheKeyName(cache.getName(), CacheSettings.WARM_KEYS).propertyName();
    if (factory == null) {
      throw new IllegalStateException("Cache '" + cache.getName() + "' has no CacheLoader, so the keys of '" + property
          + "' cannot be loaded; give the cache a CacheLoader (setCacheLoaderFactory) or warm it with a CacheWarmer bean");
    }
    List<Object> typed = keys.stream().map(key -> typed(key, configuration.getKeyType(), cache.getName(), property)).toList();
    CacheLoader<Object, Object> loader = factory.create();
    sink.total(typed.size());
    for (int from = 0; from < typed.size(); from += BATCH) {
      List<Object> batch = typed.subList(from, Math.min(from + BATCH, typed.size()));
      sink.put(loader.loadAll(batch), batch.size());
    }
  }

  private static Object typed(String key, Class<?> keyType, String cacheName, String property) {
    try {
      if (keyType == Long.class) {
        return Long.valueOf(key);
      }
      if (keyType == Integer.class) {
        return Integer.valueOf(key);
      }
    } catch (NumberFormatException e) {
      throw new IllegalStateException("Cache '" + cacheName + "' has key type " + keyType.getSimpleName() + ", but '" + property
          + "' lists '" + key + "'; list " + keyType.getSimpleName() + " values", e);
    }
    if (keyType == String.class || keyType == Object.class) {
      return key;
    }
    throw new IllegalStateException("Cache '" + cacheName + "' has key type " + keyType.getName() + ", but '" + property
        + "' can only give String, Long or Integer keys; warm it with a CacheWarmer bean instead");
  }
}
