package dev.strata.ee.cdi;

import static dev.strata.ee.StrataContainer.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.cache.StrataCacheManager;
import dev.strata.cache.spi.StrataCachingProvider;
import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import javax.cache.annotation.GeneratedCacheKey;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Custom {@code CacheKeyGenerator} and {@code CacheResolverFactory} classes, named on the
 * annotation or on {@code @CacheDefaults}: a CDI bean is used as the bean (its injected
 * dependencies work), any other class is created through its public no-argument constructor.
 */
class ResolverAndKeyGeneratorTest {

  private static StrataContainer container;

  @BeforeAll
  static void start() {
    // UpperCaseKeyGenerator and ArchiveResolverFactory are deliberately not beans
    container = StrataContainer.builder()
        .beans(Tenant.class, TenantKeyGenerator.class, TenantResolverFactory.class, Pricing.class, TenantCatalog.class,
            PlainCatalog.class)
        .start();
  }

  @AfterAll
  static void stop() {
    container.close();
  }

  /** A key that generators build from text. */
  public record TextKey(String text) implements GeneratedCacheKey {
  }

  /** A dependency of the bean generator and factory: only a CDI bean gets it injected. */
  @ApplicationScoped
  public static class Tenant {
    public String id() {
      return "tenant-7";
    }
  }

  @ApplicationScoped
  public static class TenantKeyGenerator implements CacheKeyGenerator {
    @Inject
    Tenant tenant;

    @Override
    public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
      return new TextKey(tenant.id() + ":" + join(context.getKeyParameters()));
    }
  }

  public static class UpperCaseKeyGenerator implements CacheKeyGenerator {
    @Override
    public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
      return new TextKey(join(context.getKeyParameters()).toUpperCase(Locale.ROOT));
    }
  }

  /** Puts every cache under the tenant's prefix, and counts how often it is asked for a resolver. */
  @ApplicationScoped
  public static class TenantResolverFactory implements CacheResolverFactory {
    @Inject
    Tenant tenant;

    @Inject
    CacheManager manager;

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @Override
    public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
      requests.computeIfAbsent(details.getMethod().getName(), name -> new AtomicInteger()).incrementAndGet();
      return byName(manager, tenant.id() + "/" + details.getCacheName());
    }

    @Override
    public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
      return byName(manager, tenant.id() + "/" + details.getCacheAnnotation().exceptionCacheName());
    }

    public int requests(String methodName) {
      AtomicInteger count = requests.get(methodName);
      return count == null ? 0 : count.get();
    }
  }

  /** Not a bean: finds the application's cache manager the JSR-107 way. */
  public static class ArchiveResolverFactory implements CacheResolverFactory {
    private final CacheManager manager;

    public ArchiveResolverFactory() {
      ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
      CachingProvider provider = Caching.getCachingProvider(StrataCachingProvider.class.getName(), classLoader);
      this.manager = provider.getCacheManager(provider.getDefaultURI(), classLoader);
    }

    @Override
    public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
      return byName(manager, "archive/" + details.getCacheName());
    }

    @Override
    public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
      return byName(manager, "archive/" + details.getCacheAnnotation().exceptionCacheName());
    }
  }

  @ApplicationScoped
  public static class Pricing {
    private final AtomicInteger calls = new AtomicInteger();

    @CacheResult(cacheName = "prices", cacheKeyGenerator = TenantKeyGenerator.class)
    public String price(String sku) {
      calls.incrementAndGet();
      return "price of " + sku;
    }

    @CachePut(cacheName = "prices", cacheKeyGenerator = TenantKeyGenerator.class)
    public void setPrice(String sku, @CacheValue String price) {
    }

    @CacheResult(cacheName = "labels", cacheKeyGenerator = UpperCaseKeyGenerator.class)
    public String label(String sku) {
      calls.incrementAndGet();
      return "label of " + sku;
    }

    @CacheResult(cacheName = "stock", cacheResolverFactory = TenantResolverFactory.class)
    public String stock(String sku) {
      calls.incrementAndGet();
      return "stock of " + sku;
    }

    @CacheResult(cacheName = "stock", exceptionCacheName = "stock-failures", cacheResolverFactory = TenantResolverFactory.class)
    public String stockOrFail(String sku) {
      calls.incrementAndGet();
      throw new IllegalStateException("no stock for " + sku);
    }

    @CacheResult(cacheName = "history", cacheResolverFactory = ArchiveResolverFactory.class)
    public String history(String sku) {
      calls.incrementAndGet();
      return "history of " + sku;
    }

    public int calls() {
      return calls.get();
    }
  }

  @ApplicationScoped
  @CacheDefaults(cacheName = "catalog", cacheKeyGenerator = TenantKeyGenerator.class,
      cacheResolverFactory = TenantResolverFactory.class)
  public static class TenantCatalog {
    @CacheResult
    public String find(String sku) {
      return "item " + sku;
    }

    @CacheResult(cacheKeyGenerator = UpperCaseKeyGenerator.class)
    public String findByLabel(String label) {
      return "labelled " + label;
    }

    @CacheRemove
    public void forget(String sku) {
    }
  }

  @ApplicationScoped
  @CacheDefaults(cacheName = "plain", cacheKeyGenerator = UpperCaseKeyGenerator.class,
      cacheResolverFactory = ArchiveResolverFactory.class)
  public static class PlainCatalog {
    @CacheResult
    public String find(String sku) {
      return "plain " + sku;
    }
  }

  private static String join(CacheInvocationParameter[] parameters) {
    StringJoiner joined = new StringJoiner(",");
    for (CacheInvocationParameter parameter : parameters) {
      joined.add(String.valueOf(parameter.getValue()));
    }
    return joined.toString();
  }

  private static CacheResolver byName(CacheManager manager, String name) {
    return new CacheResolver() {
      @Override
      @SuppressWarnings("unchecked")
      public <K, V> Cache<K, V> resolveCache(CacheInvocationContext<? extends Annotation> context) {
        return (Cache<K, V>) manager.unwrap(StrataCacheManager.class).getOrCreateCache(name, new MutableConfiguration<>());
      }
    };
  }

  @Test
  void cacheKeyGenerator_cdiBean_isUsedWithItsInjectedDependency() {
    Pricing pricing = container.bean(Pricing.class);
    int before = pricing.calls();

    pricing.price("a1");
    pricing.price("a1");

    assertThat(pricing.calls() - before).isEqualTo(1);
    assertThat(container.cache("prices").get(new TextKey("tenant-7:a1"))).isEqualTo("price of a1");
    assertThat(container.cache("prices").containsKey(key("a1"))).isFalse();
  }

  @Test
  void cacheKeyGenerator_sameGeneratorOnCachePut_feedsCacheResult() {
    Pricing pricing = container.bean(Pricing.class);

    pricing.setPrice("a2", "on sale");
    int before = pricing.calls();

    assertThat(pricing.price("a2")).isEqualTo("on sale");
    assertThat(pricing.calls()).isEqualTo(before);
  }

  @Test
  void cacheKeyGenerator_plainClass_isCreatedWithNoArgumentConstructor() {
    container.bean(Pricing.class).label("b2");

    assertThat(container.cache("labels").get(new TextKey("B2"))).isEqualTo("label of b2");
  }

  @Test
  void cacheResolverFactory_cdiBean_resolvesCacheWithItsInjectedDependencies() {
    Pricing pricing = container.bean(Pricing.class);

    pricing.stock("c3");

    assertThat(container.cache("tenant-7/stock").get(key("c3"))).isEqualTo("stock of c3");
    assertThat(container.cache("stock")).isNull();
  }

  @Test
  void cacheResolverFactory_manyCalls_isAskedOncePerMethod() {
    Pricing pricing = container.bean(Pricing.class);
    TenantResolverFactory factory = container.bean(TenantResolverFactory.class);

    pricing.stock("d1");
    pricing.stock("d2");
    pricing.stock("d3");
    pricing.stock("d1");

    assertThat(factory.requests("stock")).isEqualTo(1);
  }

  @Test
  void cacheResolverFactory_exceptionCacheName_isResolvedByTheSameFactory() {
    Pricing pricing = container.bean(Pricing.class);
    int before = pricing.calls();

    assertThatThrownBy(() -> pricing.stockOrFail("e1")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> pricing.stockOrFail("e1")).isInstanceOf(IllegalStateException.class)
        .hasMessage("no stock for e1");

    assertThat(pricing.calls() - before).isEqualTo(1);
    assertThat(container.cache("tenant-7/stock-failures").get(key("e1"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void cacheResolverFactory_plainClass_isCreatedWithNoArgumentConstructor() {
    container.bean(Pricing.class).history("f1");

    assertThat(container.cache("archive/history").get(key("f1"))).isEqualTo("history of f1");
  }

  @Test
  void cacheDefaults_beanGeneratorAndFactory_applyToEveryMethod() {
    TenantCatalog catalog = container.bean(TenantCatalog.class);

    catalog.find("g1");
    Cache<Object, Object> cache = container.cache("tenant-7/catalog");
    assertThat(cache.get(new TextKey("tenant-7:g1"))).isEqualTo("item g1");

    catalog.forget("g1");
    assertThat(cache.containsKey(new TextKey("tenant-7:g1"))).isFalse();
  }

  @Test
  void cacheDefaults_annotationNamesOtherGenerator_annotationWins() {
    container.bean(TenantCatalog.class).findByLabel("h1");

    assertThat(container.cache("tenant-7/catalog").get(new TextKey("H1"))).isEqualTo("labelled h1");
  }

  @Test
  void cacheDefaults_plainGeneratorAndFactory_applyToEveryMethod() {
    container.bean(PlainCatalog.class).find("i1");

    assertThat(container.cache("archive/plain").get(new TextKey("I1"))).isEqualTo("plain i1");
  }
}
