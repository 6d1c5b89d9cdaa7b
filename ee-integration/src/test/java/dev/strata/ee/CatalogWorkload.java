package dev.strata.ee;

import static org.awaitility.Awaitility.await;

import dev.strata.ee.cdi.StrataRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * A known sequence of annotated calls on cache {@value #CATALOG}, shared by the tests of every
 * metrics system. A {@code @CacheResult} miss is one get (a miss) and one put; a hit is one get,
 * answered from L2 the first time after a write and from L1 after that, provided the cache's
 * {@code max-staleness} outlasts the test. {@link #run} ends with 3 loads, 2 L1 hits, 3 L2 hits,
 * 3 misses, 5 puts, 1 removal, 0 evictions, 2 entries in L1 and 6 invalidations received (all of
 * this JVM's own writes, so no L1 drop and no invalidation lag).
 */
public final class CatalogWorkload {

  public static final String CATALOG = "catalog";
  public static final Duration BOUND = Duration.ofSeconds(10);

  private CatalogWorkload() {
  }

  @ApplicationScoped
  public static class Catalog {
    @Inject
    StrataRuntime runtime;

    private final AtomicInteger loads = new AtomicInteger();

    @CacheResult(cacheName = CATALOG)
    public String find(String id) {
      loads.incrementAndGet();
      return "item " + id;
    }

    @CachePut(cacheName = CATALOG)
    public void save(String id, @CacheValue String item) {
    }

    @CacheRemove(cacheName = CATALOG)
    public void delete(String id) {
    }

    /** The first caller waits until the second one waits for it. */
    @CacheResult(cacheName = "catalog-flights")
    public String findTogether(String id) {
      loads.incrementAndGet();
      await().atMost(BOUND).until(() -> runtime.singleFlight().waits("catalog-flights") >= 1);
      return "item " + id;
    }

    public int loads() {
      return loads.get();
    }
  }

  /**
   * Runs the sequence.
   *
   * @param invalidations reads the cache's invalidations received, as the metrics system under test publishes them
   */
  public static void run(Catalog catalog, LongSupplier invalidations) {
    // 3 misses: each a get that misses, then a put
    catalog.find("a");
    catalog.find("b");
    catalog.find("c");
    // the puts' own entry events arrive asynchronously; once they have, no late event can cancel an L1 publish
    await().atMost(BOUND).until(() -> invalidations.getAsLong() == 3);
    // 5 hits: the first read of each key comes from L2 and fills L1, the second comes from L1
    catalog.find("a");
    catalog.find("a");
    catalog.find("b");
    catalog.find("b");
    catalog.find("c");
    // 2 puts, then 1 removal; each write drops its key from L1. The removal is of a key that L1 does not
    // hold: a removal event names no writer, so for a key in L1 it could beat the remover's own L1
    // invalidation and count as a drop
    catalog.save("d", "item d");
    catalog.save("a", "item a, revised");
    catalog.delete("d");
    await().atMost(BOUND).until(() -> invalidations.getAsLong() == 6);
  }
}
