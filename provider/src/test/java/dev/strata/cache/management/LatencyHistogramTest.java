package dev.strata.cache.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void bucket_ofEveryValue_liesBetweenTheEdgesOfItsNeighbours() {
    for (long value : new long[] {0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 100, 1_000, 12_345, 1_000_000_000L}) {
      int bucket = LatencyHistogram.bucket(value);
      assertThat(LatencyHistogram.upperEdge(bucket)).as("upper edge of %s", value).isGreaterThanOrEqualTo(value);
      if (bucket > 0) {
        assertThat(LatencyHistogram.upperEdge(bucket - 1)).as("edge below %s", value).isLessThan(value);
      }
    }
  }

  @Test
  void percentile_ofLogNormalDurations_isWithinAnEighthOfTheExactOne() {
    LatencyHistogram histogram = new LatencyHistogram();
    SplittableRandom random = new SplittableRandom(7);
    long[] values = new long[100_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) Math.exp(8 + 2 * random.nextDouble() * random.nextDouble() * 3);
      histogram.record(values[i]);
    }
    Arrays.sort(values);
    assertThat(histogram.count()).isEqualTo(values.length);
    for (double quantile : new double[] {0.5, 0.9, 0.99, 0.999}) {
      long exact = values[(int) Math.ceil(quantile * values.length) - 1];
      assertThat((double) histogram.percentile(quantile)).as("p%s", quantile * 100)
          .isCloseTo(exact, within(exact * 0.125));
    }
    assertThat(histogram.percentile(1.0)).isEqualTo(values[values.length - 1]);
    assertThat(histogram.max()).isEqualTo(values[values.length - 1]);
  }

  @Test
  void reset_forgetsEverything() {
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.record(5_000);
    histogram.reset();
    assertThat(histogram.count()).isZero();
    assertThat(histogram.percentile(0.99)).isZero();
    assertThat(histogram.max()).isZero();
  }
}
