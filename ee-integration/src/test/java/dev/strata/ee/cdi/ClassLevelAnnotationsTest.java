package dev.strata.ee.cdi;

import static dev.strata.ee.StrataContainer.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cache annotation on the class applies to every method without one of its own. A method with
 * its own, different annotation is bound to two interceptors; only its own annotation acts.
 */
class ClassLevelAnnotationsTest {

  private static StrataContainer container;

  @BeforeAll
  static void start() {
    container = StrataContainer.builder()
        .beans(Inventory.class, Counter.class)
        // short, so that a call waiting on its own single flight fails the test fast rather than after 10 s
        .config("strata.cache.stock-levels.single-flight.timeout", "PT0.5S")
        .start();
  }

  @AfterAll
  static void stop() {
    container.close();
  }

  @ApplicationScoped
  @CacheRemoveAll(cacheName = "inventory")
  public static class Inventory {
    private final AtomicInteger calls = new AtomicInteger();

    /** Its own annotation: a cached lookup, which must not also clear "inventory". */
    @CacheResult(cacheName = "stock-levels")
    public String level(String sku) {
      return sku + " level " + calls.incrementAndGet();
    }

    /** No annotation of its own: the class's @CacheRemoveAll applies. */
    public void restock() {
    }
  }

  @ApplicationScoped
  @CacheResult(cacheName = "counted")
  public static class Counter {
    private final AtomicInteger calls = new AtomicInteger();

    public String count(String what) {
      return what + " #" + calls.incrementAndGet();
    }
  }

  @Test
  void cacheResult_onClass_appliesToMethodWithoutOwnAnnotation() {
    Counter counter = container.bean(Counter.class);

    String first = counter.count("apples");

    assertThat(counter.count("apples")).isEqualTo(first);
    assertThat(container.cache("counted").get(key("apples"))).isEqualTo(first);
  }

  @Test
  void cacheRemoveAll_onClass_appliesToMethodWithoutOwnAnnotation() {
    Cache<Object, Object> inventory = container.runtime().cache("inventory");
    inventory.put(key("x"), "1");

    container.bean(Inventory.class).restock();

    assertThat(inventory.iterator().hasNext()).isFalse();
  }

  /** Regression: both interceptors ran the method's semantics, and the inner @CacheResult waited on the outer one's flight. */
  @Test
  void cacheResult_classCarriesOtherCacheAnnotation_onlyMethodsOwnAnnotationActs() {
    Inventory inventory = container.bean(Inventory.class);
    Cache<Object, Object> cleared = container.runtime().cache("inventory");
    cleared.put(key("kept"), "1");

    String first = inventory.level("s1");

    assertThat(inventory.level("s1")).isEqualTo(first);
    assertThat(container.runtime().singleFlight().waits("stock-levels")).isZero();
    assertThat(container.cache("stock-levels").get(key("s1"))).isEqualTo(first);
    assertThat(cleared.get(key("kept"))).isEqualTo("1");
  }
}
