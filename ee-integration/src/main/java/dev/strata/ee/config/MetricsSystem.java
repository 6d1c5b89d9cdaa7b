package dev.strata.ee.config;

/**
 * Where Strata publishes its per-cache metrics, the value of {@code strata.metrics.system}. A server
 * has MicroProfile Metrics (MicroProfile 6 and before), MicroProfile Telemetry 2 (OpenTelemetry
 * metrics, MicroProfile 7), both or neither; {@link #AUTO} takes what is there and prefers
 * Telemetry when both are. Only one system publishes at a time, so no figure is counted twice.
 */
public enum MetricsSystem {

  /**
   * Telemetry if an {@code OpenTelemetry} bean is resolvable and its SDK on, else Metrics if a
   * {@code MetricRegistry} is resolvable, else none.
   */
  AUTO,
  /** OpenTelemetry metrics, meter {@code dev.strata.cache}. */
  TELEMETRY,
  /** MicroProfile Metrics, application registry. */
  METRICS,
  /** No metrics. */
  NONE;

  public static final String KEY = "strata.metrics.system";

  /**
   * Decides the system in use from the configured one and what the server provides.
   *
   * @param telemetry whether the OpenTelemetry API is present and an {@code OpenTelemetry} bean
   *     resolvable whose SDK is on (MicroProfile Telemetry's is off unless {@code otel.sdk.disabled=false})
   * @param metrics whether the MicroProfile Metrics API is present and a {@code MetricRegistry} bean resolvable
   * @return {@link #TELEMETRY}, {@link #METRICS} or {@link #NONE}, never {@link #AUTO}; a configured
   *     system that the server does not provide is {@link #NONE}
   */
  public MetricsSystem resolve(boolean telemetry, boolean metrics) {
    return switch (this) {
      case AUTO -> telemetry ? TELEMETRY : metrics ? METRICS : NONE;
      case TELEMETRY -> telemetry ? TELEMETRY : NONE;
      case METRICS -> metrics ? METRICS : NONE;
      case NONE -> NONE;
    };
  }
}
