package dev.strata.sample;

import dev.strata.cache.StrataCache;
import dev.strata.cache.management.CacheCounters;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * {@code /api/cache-stats}: each cache's hits by tier, misses, hit ratio and mean get latency in
 * this server, plus how often the database was read. The page at {@code /} shows it.
 */
@Path("/cache-stats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CacheStatsResource {

  @Inject
  CacheManager cacheManager;

  @Inject
  CatalogDatabase database;

  @GET
  public Map<String, Object> stats() {
    Map<String, Object> caches = new LinkedHashMap<>();
    for (String name : cacheManager.getCacheNames()) {
      Cache<?, ?> cache = cacheManager.getCache(name);
      if (cache == null) {
        continue;
      }
      StrataCache<?, ?> strata = cache.unwrap(StrataCache.class);
      CacheCounters counters = strata.counters();
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("l1Hits", counters.l1Hits());
      figures.put("l2Hits", counters.l2Hits());
      figures.put("misses", counters.getCacheMisses());
      figures.put("hitRatio", counters.getCacheGets() == 0 ? 0 : counters.getCacheHits() / (double) counters.getCacheGets());
      figures.put("averageGetMicros", counters.getAverageGetTime());
      figures.put("puts", counters.getCachePuts());
      figures.put("removals", counters.getCacheRemovals());
      figures.put("invalidationsReceived", counters.invalidationsReceived());
      figures.put("l1Size", strata.l1Size());
      caches.put(name, figures);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("caches", caches);
    result.put("databaseProductReads", database.productReads());
    result.put("databaseStockReads", database.stockReads());
    return result;
  }
}
