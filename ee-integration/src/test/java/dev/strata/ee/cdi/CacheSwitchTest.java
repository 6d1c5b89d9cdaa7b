package dev.strata.ee.cdi;

import static dev.strata.ee.StrataContainer.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cache.StrataCache;
import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import org.junit.jupiter.api.Test;

/**
 * The per-cache switch {@code strata.cache.<name>.enabled} (and its default) on a CDI container:
 * a disabled cache makes its annotations pass through to the method; {@code setEnabled} flips it
 * at run time.
 */
class CacheSwitchTest {

  @ApplicationScoped
  public static class Prices {
    private final AtomicInteger calls = new AtomicInteger();

    @CacheResult(cacheName = "prices")
    public String price(String sku) {
      return sku + " costs " + calls.incrementAndGet();
    }

    @CachePut(cacheName = "prices")
    public void setPrice(@CacheKey String sku, @CacheValue String price) {
    }

    @CacheRemove(cacheName = "prices")
    public void dropPrice(String sku) {
    }
  }

  @Test
  void cacheResult_cacheDisabledByItsKey_runsTheMethodEveryTime() {
    try (StrataContainer container = StrataContainer.builder().beans(Prices.class)
        .config("strata.cache.prices.enabled", "false").start()) {
      Prices prices = container.bean(Prices.class);

      assertThat(prices.price("a")).isEqualTo("a costs 1");
      assertThat(prices.price("a")).isEqualTo("a costs 2");

      assertThat(container.cache("prices").containsKey(key("a"))).isFalse();
    }
  }

  @Test
  void cachePutAndRemove_everyCacheDisabledByDefaultKey_leaveTheCacheAlone() {
    try (StrataContainer container = StrataContainer.builder().beans(Prices.class)
        .config("strata.cache.default.enabled", "false").start()) {
      Prices prices = container.bean(Prices.class);
      prices.price("b");
      container.cache("prices").put(key("c"), "c from cache");

      prices.setPrice("b", "b costs 9");
      prices.dropPrice("c");

      assertThat(container.cache("prices").containsKey(key("b"))).isFalse();
      assertThat(container.cache("prices").get(key("c"))).isEqualTo("c from cache");
    }
  }

  @Test
  void cacheResult_switchedOnAndOffAtRunTime_followsTheSwitchOnTheNextCall() {
    try (StrataContainer container = StrataContainer.builder().beans(Prices.class)
        .config("strata.cache.prices.enabled", "false").start()) {
      Prices prices = container.bean(Prices.class);
      prices.price("d");
      StrataCache<?, ?> cache = container.cache("prices").unwrap(StrataCache.class);

      cache.setEnabled(true);
      String cached = prices.price("d");
      String hit = prices.price("d");
      cache.setEnabled(false);
      String passedThrough = prices.price("d");

      assertThat(cached).isEqualTo("d costs 2");
      assertThat(hit).isEqualTo("d costs 2");
      assertThat(passedThrough).isEqualTo("d costs 3");
    }
  }
}
