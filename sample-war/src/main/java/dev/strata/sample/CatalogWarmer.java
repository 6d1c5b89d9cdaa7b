package dev.strata.sample;

import dev.strata.ee.AnnotationKeys;
import dev.strata.ee.CacheWarmer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fills cache {@code products} with the whole catalog when the application starts, so that the
 * first read of any product is a cache hit. The keys are those {@code @CacheResult} of
 * {@link ProductCatalog#find(long)} uses. With {@code catalog.warm=false} it puts nothing (the
 * integration tests that count database reads start cold). Readiness waits for it:
 * {@code strata.cache.products.warm.required=true}.
 */
@ApplicationScoped
public class CatalogWarmer implements CacheWarmer<Object, Product> {

  @Inject
  CatalogDatabase database;

  @Inject
  @ConfigProperty(name = "catalog.warm", defaultValue = "false")
  boolean warm;

  @Override
  public String cacheName() {
    return "products";
  }

  @Override
  public Map<Object, Product> entries() {
    Map<Object, Product> entries = new LinkedHashMap<>();
    if (warm) {
      for (Product product : database.products()) {
        entries.put(AnnotationKeys.of(product.id()), product);
      }
    }
    return entries;
  }
}
