package dev.strata.ee.metrics;

import static dev.strata.ee.StrataContainer.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.Test;

/**
 * The MicroProfile Metrics API without an implementation (an application that packages the API
 * jar, a server whose Metrics feature is off): the extension still registers StrataMetrics, which
 * must not fail the deployment for want of a MetricRegistry.
 */
class MetricsWithoutImplementationTest {

  @ApplicationScoped
  public static class Greeter {
    private final AtomicInteger calls = new AtomicInteger();

    @CacheResult(cacheName = "greetings")
    public String greet(String name) {
      return "hello " + name + " #" + calls.incrementAndGet();
    }
  }

  @Test
  void deploy_metricsApiWithoutRegistry_startsAndCachesWithoutMetrics() {
    try (StrataContainer container = StrataContainer.builder().withoutMetricsImplementation().beans(Greeter.class).start()) {
      Greeter greeter = container.bean(Greeter.class);

      String first = greeter.greet("ada");

      assertThat(greeter.greet("ada")).isEqualTo(first);
      assertThat(container.cache("greetings").get(key("ada"))).isEqualTo(first);
      assertThat(container.bean(StrataMetrics.class)).isNotNull();
    }
  }
}
