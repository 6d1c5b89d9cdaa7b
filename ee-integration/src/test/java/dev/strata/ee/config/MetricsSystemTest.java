package dev.strata.ee.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which system publishes, for every configured value and every server. */
class MetricsSystemTest {

  @Test
  void auto_eachCombination_prefersTelemetryThenMetrics() {
    assertThat(MetricsSystem.AUTO.resolve(true, true)).isEqualTo(MetricsSystem.TELEMETRY);
    assertThat(MetricsSystem.AUTO.resolve(true, false)).isEqualTo(MetricsSystem.TELEMETRY);
    assertThat(MetricsSystem.AUTO.resolve(false, true)).isEqualTo(MetricsSystem.METRICS);
    assertThat(MetricsSystem.AUTO.resolve(false, false)).isEqualTo(MetricsSystem.NONE);
  }

  @Test
  void explicit_systemAbsent_isNoneRatherThanTheOther() {
    assertThat(MetricsSystem.TELEMETRY.resolve(false, true)).isEqualTo(MetricsSystem.NONE);
    assertThat(MetricsSystem.METRICS.resolve(true, false)).isEqualTo(MetricsSystem.NONE);
    assertThat(MetricsSystem.TELEMETRY.resolve(true, true)).isEqualTo(MetricsSystem.TELEMETRY);
    assertThat(MetricsSystem.METRICS.resolve(true, true)).isEqualTo(MetricsSystem.METRICS);
    assertThat(MetricsSystem.NONE.resolve(true, true)).isEqualTo(MetricsSystem.NONE);
  }
}
