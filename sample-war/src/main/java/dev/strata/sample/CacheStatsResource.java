package dev.strata.sample;

import dev.strata.cache.CacheStatistics;
import dev.strata.cache.StrataCache;
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
 * {@code /api/cache-stats}: each cache's hits by tier, misses, hit ratio and get latency (p50 and p99) in
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
      CacheStatistics statistics = cache.unwrap(StrataCache.class).statistics();
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("l1Hits", statistics.l1Hits());
      figures.put("l2Hits", statistics.l2Hits());
      figures.put("misses", statistics.misses());
      figures.put("hitRatio", statistics.hitRatio());
      figures.put("getP50Micros", statistics.getLatency().p50());
      figures.put("getP99Micros", statistics.getLatency().p99());
      figures.put("puts", statistics.puts());
      figures.put("removals", statistics.removals());
      figures.put("invalidationsReceived", statistics.invalidationsReceived());
      figures.put("l1Size", statistics.l1Size());
      caches.put(name, figures);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("caches", caches);
    result.put("databaseProductReads", database.productReads());
    result.put("databaseStockReads", database.stockReads());
    return result;
  }
}
