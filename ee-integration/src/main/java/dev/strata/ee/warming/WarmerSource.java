package dev.strata.ee.warming;

import dev.strata.ee.CacheWarmer;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.cache.Cache;

/** The entries of a {@link CacheWarmer} bean. */
final class WarmerSource implements WarmingSource {

  private final CacheWarmer<?, ?> warmer;

  WarmerSource(CacheWarmer<?, ?> warmer) {
    this.warmer = warmer;
  }

  @Override
  public void load(Cache<Object, Object> cache, Sink sink) throws Exception {
    Map<?, ?> entries = warmer.entries();
    if (entries == null) {
      throw new IllegalStateException(warmer.getClass().getName() + ".entries() returned null for cache '"
          + cache.getName() + "'; return an empty map when there is nothing to warm");
    }
    sink.total(entries.size());
    Map<Object, Object> batch = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : entries.entrySet()) {
      batch.put(entry.getKey(), entry.getValue());
      if (batch.size() == BATCH) {
        sink.put(batch, batch.size());
        batch = new LinkedHashMap<>();
      }
    }
    if (!batch.isEmpty()) {
      sink.put(batch, batch.size());
    }
  }
}
