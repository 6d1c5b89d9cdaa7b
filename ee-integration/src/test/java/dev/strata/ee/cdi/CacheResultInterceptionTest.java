package dev.strata.ee.cdi;

import static dev.strata.ee.StrataContainer.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @CacheResult} with a member value on a Jakarta-only container (Weld 5, no {@code javax}
 * CDI on the class path): the JSR-107 annotations carry the {@code javax} {@code @Nonbinding},
 * so without {@link StrataExtension} the member {@code cacheName = "x"} would make the binding
 * miss the interceptor and the method would run uncached.
 */
class CacheResultInterceptionTest {

  private static StrataContainer container;

  @BeforeAll
  static void start() {
    container = StrataContainer.builder().beans(Greeter.class).start();
  }

  @AfterAll
  static void stop() {
    container.close();
  }

  @ApplicationScoped
  public static class Greeter {
    private final AtomicInteger calls = new AtomicInteger();

    @Inject
    CacheManager manager;

    @CacheResult(cacheName = "x")
    public String greet(String name) {
      calls.incrementAndGet();
      return "hello " + name;
    }

    /** What the method body sees in cache "x" for a name: nothing yet, as it runs on a miss. */
    @CacheResult(cacheName = "x")
    public String peek(String name) {
      calls.incrementAndGet();
      Cache<Object, Object> x = manager.getCache("x");
      return "saw " + (x == null ? null : x.get(key(name)));
    }

    public int calls() {
      return calls.get();
    }
  }

  @Test
  void cacheResult_sameArgumentTwice_runsMethodOnceAndStoresResultInNamedCache() {
    Greeter greeter = container.bean(Greeter.class);
    int before = greeter.calls();

    assertThat(greeter.greet("ada")).isEqualTo("hello ada");
    assertThat(greeter.greet("ada")).isEqualTo("hello ada");

    assertThat(greeter.calls() - before).isEqualTo(1);
    Cache<Object, Object> x = container.cacheManager().getCache("x");
    assertThat(x).isNotNull();
    assertThat(x.get(key("ada"))).isEqualTo("hello ada");
  }

  @Test
  void cacheResult_afterItsCacheWasDestroyed_cachesInTheNewCacheOfThatName() {
    Greeter greeter = container.bean(Greeter.class);
    greeter.greet("edsger");
    container.cacheManager().destroyCache("x");
    int before = greeter.calls();

    assertThat(greeter.greet("edsger")).isEqualTo("hello edsger");
    assertThat(greeter.greet("edsger")).isEqualTo("hello edsger");

    assertThat(greeter.calls() - before).isEqualTo(1);
    assertThat(container.cacheManager().getCache("x").get(key("edsger"))).isEqualTo("hello edsger");
  }

  @Test
  void cacheResult_differentArguments_runsMethodOncePerArgument() {
    Greeter greeter = container.bean(Greeter.class);
    int before = greeter.calls();

    greeter.greet("grace");
    greeter.greet("alan");
    greeter.greet("grace");
    greeter.greet("alan");

    assertThat(greeter.calls() - before).isEqualTo(2);
    assertThat(container.cache("x").get(key("alan"))).isEqualTo("hello alan");
  }

  @Test
  void cacheResult_valuePutIntoCacheDirectly_isReturnedWithoutRunningMethod() {
    Greeter greeter = container.bean(Greeter.class);
    greeter.greet("warm-up");
    container.cache("x").put(key("linus"), "preloaded");
    int before = greeter.calls();

    assertThat(greeter.greet("linus")).isEqualTo("preloaded");

    assertThat(greeter.calls()).isEqualTo(before);
  }

  @Test
  void cacheResult_methodBodyOnMiss_seesNoEntryYet() {
    Greeter greeter = container.bean(Greeter.class);

    assertThat(greeter.peek("barbara")).isEqualTo("saw null");
    assertThat(greeter.peek("barbara")).isEqualTo("saw null");

    assertThat(container.cache("x").get(key("barbara"))).isEqualTo("saw null");
  }
}
