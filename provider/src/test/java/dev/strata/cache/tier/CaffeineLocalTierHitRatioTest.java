package dev.strata.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cache.copy.CopyStrategy;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * L1 records only one hit in {@link CaffeineLocalTier#SAMPLE} in Caffeine's policy while it holds
 * less than three quarters of its bound, and every hit from there on.
 */
class CaffeineLocalTierHitRatioTest {

  private static final int KEYS = 50_000;
  private static final int SIZE = 1_000;
  private static final int READS = 600_000;
  private static final LocalValue VALUE = new LocalValue("v", CopyStrategy.SHARE, Long.MAX_VALUE);

  @Test
  void recordsEveryHit_fromThreeQuartersOfTheBound_andSamplesAgainOnceEmptied() {
    CaffeineLocalTier<Integer> tier = CaffeineLocalTier.create(100);
    for (int key = 0; key < 74; key++) {
      fill(tier, key);
    }
    assertThat(tier.recordsEveryHit()).isFalse();

    fill(tier, 74);
    fill(tier, 75);
    assertThat(tier.recordsEveryHit()).isTrue();

    tier.invalidateAll();
    fill(tier, 0);
    assertThat(tier.recordsEveryHit()).isFalse();
  }

  /** A Zipfian working set fifty times larger than L1: the bound is reached, as in production. */
  @Test
  void hitRatio_zipfTraceLargerThanL1_matchesRecordingEveryHit() {
    int[] trace = zipf(new Random(7), READS, 0.9);

    double every = hitRatio(CaffeineLocalTier.create(SIZE, 1), trace);
    double sampled = hitRatio(CaffeineLocalTier.create(SIZE, CaffeineLocalTier.SAMPLE), trace);

    // Caffeine's own run-to-run spread on this trace is about one point
    assertThat(sampled).isGreaterThan(every - 0.025);
  }

  private static void fill(CaffeineLocalTier<Integer> tier, int key) {
    Object token = tier.reserve(key);
    if (token != null) {
      tier.publish(key, token, VALUE);
    }
  }

  /** Replays the trace the way the cache drives L1: a miss reserves and publishes the key. */
  private static double hitRatio(CaffeineLocalTier<Integer> tier, int[] trace) {
    int hits = 0;
    for (int key : trace) {
      if (tier.get(key) != null) {
        hits++;
      } else {
        fill(tier, key);
      }
    }
    assertThat(tier.size()).isLessThanOrEqualTo(SIZE);
    return (double) hits / trace.length;
  }

  private static int[] zipf(Random random, int length, double skew) {
    double[] cumulative = new double[KEYS];
    double sum = 0;
    for (int i = 0; i < KEYS; i++) {
      sum += 1 / Math.pow(i + 1, skew);
      cumulative[i] = sum;
    }
    int[] trace = new int[length];
    for (int i = 0; i < length; i++) {
      int rank = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
      trace[i] = rank >= 0 ? rank : -rank - 1;
    }
    return trace;
  }
}
