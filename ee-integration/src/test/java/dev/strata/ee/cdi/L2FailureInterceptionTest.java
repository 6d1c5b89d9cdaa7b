package dev.strata.ee.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.cache.L2UnavailableException;
import dev.strata.cache.StrataCacheManager;
import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import org.junit.jupiter.api.Test;

/**
 * When Hazelcast is away, {@code @CacheResult} runs the method and returns its result, counting
 * each read and write it could not make; {@code @CachePut}, whose whole point is the write, fails
 * with the {@link L2UnavailableException}.
 */
class L2FailureInterceptionTest {

  private static final String CACHE = "degraded-products";

  @ApplicationScoped
  public static class Catalog {
    private final AtomicInteger calls = new AtomicInteger();

    public int calls() {
      return calls.get();
    }

    @CacheResult(cacheName = CACHE)
    public String product(String id) {
      calls.incrementAndGet();
      return "product " + id;
    }

    @CachePut(cacheName = CACHE)
    public void update(@CacheKey String id, @CacheValue String product) {
    }
  }

  @Test
  void cacheResult_whileHazelcastIsAway_runsTheMethodAndCountsTheCallsItCouldNotCache() {
    try (StrataContainer container = StrataContainer.builder().beans(Catalog.class).start()) {
      Catalog catalog = container.bean(Catalog.class);
      assertThat(catalog.product("1")).isEqualTo("product 1");
      assertThat(catalog.product("1")).isEqualTo("product 1");
      assertThat(catalog.calls()).as("calls while Hazelcast runs").isEqualTo(1);

      container.cacheManager().unwrap(StrataCacheManager.class).hazelcastInstance().getLifecycleService().terminate();

      assertThat(catalog.product("1")).isEqualTo("product 1");
      assertThat(catalog.product("2")).isEqualTo("product 2");
      assertThat(catalog.calls()).as("calls once Hazelcast is away").isEqualTo(3);
      assertThat(container.runtime().degradedCalls().count(CACHE)).as("a failed read and write per call").isEqualTo(4);
      assertThatThrownBy(() -> catalog.update("1", "product 1, renamed"))
          .isInstanceOf(L2UnavailableException.class)
          .hasMessageStartingWith("Cache '" + CACHE + "' could not write an entry in Hazelcast");
    }
  }
}
