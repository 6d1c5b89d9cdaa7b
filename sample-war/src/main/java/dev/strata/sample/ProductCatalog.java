package dev.strata.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * The catalog service: reads are cached with Strata, writes keep the cache right. Products live in
 * cache {@code products} (long TTL: only this application changes them, and every change goes
 * through here); stock levels in cache {@code stock} (short TTL: the warehouse changes them behind
 * the application's back). TTLs come from {@code microprofile-config.properties}. The caches are
 * Strata's; {@link CatalogCaches} can put the same annotations on Hazelcast's JCache for comparison.
 */
@ApplicationScoped
@CacheDefaults(cacheResolverFactory = CatalogCaches.class)
public class ProductCatalog {

  @Inject
  CatalogDatabase database;

  @CacheResult(cacheName = "products")
  public Product find(long id) {
    return database.product(id).orElse(null);
  }

  /** This bean through its container proxy, so that its own calls go through the cache interceptors. */
  @Inject
  ProductCatalog self;

  /**
   * Writes the change to the database and, before it commits, puts the new product into the cache
   * ({@link #cache}): under the product's row lock, so that servers changing one product at once
   * leave the cache with the change the database kept.
   */
  public void store(long id, Product product) {
    if (!database.update(id, product.name(), product.price(), () -> self.cache(id, product))) {
      throw new IllegalArgumentException("No product " + id);
    }
  }

  /** Puts the product into the cache: the interceptor does it all. */
  @CachePut(cacheName = "products")
  public void cache(@CacheKey long id, @CacheValue Product product) {
    // the @CachePut interceptor stores the product after this returns
  }

  @CacheRemove(cacheName = "products")
  public boolean delete(long id) {
    return database.delete(id);
  }

  /** A bulk import changes many products at once: drop every cached product. */
  @CacheRemoveAll(cacheName = "products")
  public int importProducts(List<ProductUpdate> products) {
    return database.upsert(products);
  }

  @CacheResult(cacheName = "stock")
  public Integer stock(long id) {
    int stock = database.stock(id);
    return stock < 0 ? null : stock;
  }
}
