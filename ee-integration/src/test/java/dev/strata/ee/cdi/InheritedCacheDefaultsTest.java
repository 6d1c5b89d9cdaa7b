package dev.strata.ee.cdi;

import static dev.strata.ee.StrataContainer.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A method inherited from a superclass follows the {@code @CacheDefaults} of the bean class it is
 * called on: one method, two beans, two caches. Method metadata is kept per bean class and method,
 * so whichever bean is called first does not decide the cache of the other.
 */
class InheritedCacheDefaultsTest {

  private static StrataContainer container;

  @BeforeAll
  static void start() {
    container = StrataContainer.builder().beans(Books.class, Films.class).start();
  }

  @AfterAll
  static void stop() {
    container.close();
  }

  /** Not a bean: it only declares the cached method, and names no cache. */
  public abstract static class Catalog {
    private final AtomicInteger calls = new AtomicInteger();

    @CacheResult
    public String describe(String id) {
      return getClass().getSimpleName() + " " + id + " #" + calls.incrementAndGet();
    }
  }

  @ApplicationScoped
  @CacheDefaults(cacheName = "books")
  public static class Books extends Catalog {
  }

  @ApplicationScoped
  @CacheDefaults(cacheName = "films")
  public static class Films extends Catalog {
  }

  @Test
  void cacheResult_inheritedMethodUnderSubclassCacheDefaults_cachesInTheSubclassCache() {
    Books books = container.bean(Books.class);

    String first = books.describe("b1");

    assertThat(books.describe("b1")).isEqualTo(first);
    assertThat(container.cache("books")).isNotNull();
    assertThat(container.cache("books").get(key("b1"))).isEqualTo(first);
  }

  @Test
  void cacheResult_sameInheritedMethodOnTwoBeans_eachCachesInItsOwnCache() {
    Books books = container.bean(Books.class);
    Films films = container.bean(Films.class);

    String book = books.describe("shared");
    String film = films.describe("shared");

    assertThat(film).isNotEqualTo(book);
    assertThat(container.cache("books").get(key("shared"))).isEqualTo(book);
    assertThat(container.cache("films")).isNotNull();
    assertThat(container.cache("films").get(key("shared"))).isEqualTo(film);
  }
}
