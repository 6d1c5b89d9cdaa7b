package dev.strata.ee.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.spi.HealthCheckResponseProvider;

/**
 * The smallest MicroProfile Health response provider, so that health checks can build responses
 * without a Health implementation on the test class path. Not thread-safe (one builder per response).
 */
public final class MapHealthResponses extends HealthCheckResponseBuilder {

  private String name;
  private HealthCheckResponse.Status status = HealthCheckResponse.Status.DOWN;
  private final Map<String, Object> data = new LinkedHashMap<>();

  /** Makes {@link HealthCheckResponse#named} and friends use this builder. */
  public static void install() {
    HealthCheckResponse.setResponseProvider(provider());
  }

  private static HealthCheckResponseProvider provider() {
    return MapHealthResponses::new;
  }

  @Override
  public HealthCheckResponseBuilder name(String name) {
    this.name = name;
    return this;
  }

  @Override
  public HealthCheckResponseBuilder withData(String key, String value) {
    data.put(key, value);
    return this;
  }

  @Override
  public HealthCheckResponseBuilder withData(String key, long value) {
    data.put(key, value);
    return this;
  }

  @Override
  public HealthCheckResponseBuilder withData(String key, boolean value) {
    data.put(key, value);
    return this;
  }

  @Override
  public HealthCheckResponseBuilder up() {
    return status(true);
  }

  @Override
  public HealthCheckResponseBuilder down() {
    return status(false);
  }

  @Override
  public HealthCheckResponseBuilder status(boolean up) {
    status = up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN;
    return this;
  }

  @Override
  public HealthCheckResponse build() {
    return new HealthCheckResponse(name, status, data.isEmpty() ? Optional.empty() : Optional.of(Map.copyOf(data)));
  }
}
