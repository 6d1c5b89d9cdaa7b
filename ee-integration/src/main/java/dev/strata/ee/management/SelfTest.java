package dev.strata.ee.management;

import dev.strata.cache.StrataCacheManager;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /strata/self-test}: the provider's {@link StrataCacheManager#selfTest()} (a probe entry
 * written into {@value dev.strata.cache.SelfTest#CACHE}, read back once from L2 and once from L1, and
 * removed, each step timed) as JSON. The answer is 200 when every step passed, else 503.
 * Thread-safe: each run uses a key of its own.
 */
final class SelfTest {

  private final Supplier<StrataCacheManager> manager;

  SelfTest(Supplier<StrataCacheManager> manager) {
    this.manager = manager;
  }

  Answer run(Call call) {
    dev.strata.cache.SelfTest result = manager.get().selfTest();
    JsonArrayBuilder steps = Json.createArrayBuilder();
    for (dev.strata.cache.SelfTest.Step step : result.steps()) {
      steps.add(Json.createObjectBuilder().add("step", step.name()).add("ok", step.passed())
          .add("micros", step.micros()).add("detail", step.detail()));
    }
    return new Answer(result.passed() ? 200 : 503, Json.createObjectBuilder()
        .add("cache", dev.strata.cache.SelfTest.CACHE).add("ok", result.passed()).add("steps", steps).build(), Map.of());
  }
}
