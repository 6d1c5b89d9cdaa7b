package dev.strata.ee.cdi;

import static dev.strata.ee.StrataContainer.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ee.StrataContainer;
import dev.strata.ee.annotation.NullValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Null results: not cached by default, as in JSR-107; cached where {@code strata.cache.<name>.null-caching=true}. */
class NullCachingTest {

  private static StrataContainer container;

  @BeforeAll
  static void start() {
    container = StrataContainer.builder()
        .beans(Directory.class)
        .config("strata.cache.nulls-on.null-caching", "true")
        .start();
  }

  @AfterAll
  static void stop() {
    container.close();
  }

  @ApplicationScoped
  public static class Directory {
    private final AtomicInteger calls = new AtomicInteger();

    @CacheResult(cacheName = "nulls-off")
    public String findOff(String id) {
      calls.incrementAndGet();
      return null;
    }

    @CacheResult(cacheName = "nulls-on")
    public String findOn(String id) {
      calls.incrementAndGet();
      return null;
    }

    @CachePut(cacheName = "nulls-on")
    public void storeOn(String id, @CacheValue String value) {
    }

    public int calls() {
      return calls.get();
    }
  }

  @Test
  void cacheResult_nullResultByDefault_isNotCachedAndMethodRunsAgain() {
    Directory directory = container.bean(Directory.class);
    int before = directory.calls();

    assertThat(directory.findOff("a")).isNull();
    assertThat(directory.findOff("a")).isNull();

    assertThat(directory.calls() - before).isEqualTo(2);
    assertThat(container.cache("nulls-off").containsKey(key("a"))).isFalse();
  }

  @Test
  void cacheResult_nullResultWithNullCaching_isCachedAndReturnedAsNull() {
    Directory directory = container.bean(Directory.class);
    int before = directory.calls();

    assertThat(directory.findOn("b")).isNull();
    assertThat(directory.findOn("b")).isNull();

    assertThat(directory.calls() - before).isEqualTo(1);
    assertThat(container.cache("nulls-on").get(key("b"))).isSameAs(NullValue.INSTANCE);
  }

  @Test
  void cachePut_nullValueWithNullCaching_storesNullThatCacheResultReturns() {
    Directory directory = container.bean(Directory.class);
    directory.storeOn("c", null);
    int before = directory.calls();

    assertThat(directory.findOn("c")).isNull();

    assertThat(directory.calls()).isEqualTo(before);
  }

  @Test
  void config_nullCachingSetForOneCache_leavesOtherCachesOff() {
    assertThat(container.runtime().config().policy("nulls-on").nullCaching()).isTrue();
    assertThat(container.runtime().config().policy("nulls-off").nullCaching()).isFalse();
  }
}
