package dev.strata.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisabledLocalTierTest extends LocalTierContract {

  @Override
  LocalTier<String> newTier() {
    return LocalTier.disabled();
  }

  @Test
  void reserve_anyKey_returnsNullSoNothingIsEverPublished() {
    assertThat(newTier().reserve(KEY)).isNull();
  }

  @Test
  void publish_withAnyToken_holdsNothing() {
    LocalTier<String> tier = newTier();

    tier.publish(KEY, new Object(), servable("v"));

    assertThat(tier.get(KEY)).isNull();
    assertThat(tier.size()).isZero();
  }

  @Test
  void enabled_isFalse() {
    assertThat(newTier().enabled()).isFalse();
  }
}
