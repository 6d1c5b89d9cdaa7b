package dev.strata.ee.management;

import dev.strata.cache.StrataCacheManager;
import dev.strata.ee.config.StrataConfig;
import dev.strata.ee.warming.CacheWarming;
import java.util.List;
import java.util.function.Supplier;

/**
 * The endpoints of the management API, one line each: an endpoint more is a line here and a method
 * on {@link CacheOperations}. Stateless.
 */
final class ManagementApi {

  private ManagementApi() {
  }

  /**
   * @param manager the application's cache manager, asked on each request (it may be created late)
   * @param config  the application's validated configuration
   * @param warming the application's warming, asked on each request
   */
  static Routes routes(Supplier<StrataCacheManager> manager, Supplier<StrataConfig> config,
                       Supplier<CacheWarming> warming) {
    Audit audit = new Audit();
    CacheOperations caches = new CacheOperations(manager, config, audit);
    WarmOperation warm = new WarmOperation(caches, warming, audit);
    SelfTest selfTest = new SelfTest(manager);
    return new Routes(List.of(
        Route.read("caches", caches::caches),
        Route.read("caches/{name}", caches::cache),
        Route.read("policies", caches::policies),
        Route.write("POST", "caches/{name}/clear", caches::clear),
        Route.write("POST", "caches/{name}/invalidate", caches::invalidate),
        Route.write("POST", "invalidate", caches::invalidateTag),
        Route.write("POST", "caches/{name}/statistics/reset", caches::resetStatistics),
        Route.write("PUT", "caches/{name}/enabled", caches::setEnabled),
        Route.write("POST", "caches/{name}/warm", warm::warm),
        Route.write("POST", "self-test", selfTest::run)));
  }
}
