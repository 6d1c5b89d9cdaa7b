package dev.strata.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
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
 * the application's back). TTLs come from {@code microprofile-config.properties}.
 */
@ApplicationScoped
public class ProductCatalog {

  @Inject
  CatalogDatabase database;

  @CacheResult(cacheName = "products")
  public Product find(long id) {
    return database.product(id).orElse(null);
  }

  /** Writes the change to the database, then puts the new product into the cache. */
  @CachePut(cacheName = "products")
  public void store(@CacheKey long id, @CacheValue Product product) {
    if (!database.update(id, product.name(), product.price())) {
      throw new IllegalArgumentException("No product " + id);
    }
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
