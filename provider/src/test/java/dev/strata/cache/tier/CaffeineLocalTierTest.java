package dev.strata.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CaffeineLocalTierTest extends LocalTierContract {

  @Override
  CaffeineLocalTier<String> newTier() {
    return CaffeineLocalTier.create(100);
  }

  @Test
  void publish_withStandingReservation_isVisible() {
    LocalTier<String> tier = newTier();
    LocalValue value = servable("v");

    reserveAndPublish(tier, KEY, value);

    assertThat(served(tier, KEY)).isEqualTo("v");
    assertThat(tier.size()).isEqualTo(1);
  }

  /** Reader 1 read L2 before a write, reader 2 after its invalidation: reader 1 must not overwrite reader 2. */
  @Test
  void publish_ofReservationInvalidatedAndTakenByANewerReader_doesNotOverwriteTheNewerValue() {
    LocalTier<String> tier = newTier();
    Object older = tier.reserve(KEY);
    tier.invalidate(KEY);
    LocalValue newer = servable("read after the write");
    reserveAndPublish(tier, KEY, newer);

    tier.publish(KEY, older, servable("read before the write"));

    assertThat(served(tier, KEY)).isEqualTo("read after the write");
  }

  @Test
  void distrustAll_keepsEntriesButVouchesOnlyForThoseReservedAfter() {
    LocalTier<String> tier = newTier();
    reserveAndPublish(tier, KEY, servable("before"));
    Object pendingBefore = tier.reserve("other");

    tier.distrustAll();

    assertThat(served(tier, KEY)).as("kept").isEqualTo("before");
    assertThat(tier.vouches(tier.get(KEY))).as("but not vouched for").isFalse();
    tier.publish("other", pendingBefore, servable("read before the repair"));
    assertThat(tier.vouches(tier.get("other"))).as("a reservation made before it").isFalse();
    reserveAndPublish(tier, KEY, servable("confirmed by L2"));
    assertThat(tier.vouches(tier.get(KEY))).as("published afresh").isTrue();
  }

  @Test
  void reserve_afterCancel_grantsANewReservation() {
    LocalTier<String> tier = newTier();
    tier.cancel(KEY, tier.reserve(KEY));

    assertThat(tier.reserve(KEY)).isNotNull();
  }

  @Test
  void reserve_duringAClear_returnsNull() {
    LocalTier<String> tier = newTier();
    tier.beginClear();

    assertThat(tier.reserve(KEY)).isNull();
    tier.endClear();
    assertThat(tier.reserve(KEY)).isNotNull();
  }

  /** StrataCache reserves over an entry it may no longer serve; the old entry must go. */
  @Test
  void reserve_keyHoldingAValue_replacesItWithTheReservation() {
    LocalTier<String> tier = newTier();
    reserveAndPublish(tier, KEY, value("no longer servable", now.get()));

    Object token = tier.reserve(KEY);

    assertThat(token).isNotNull();
    assertThat(tier.get(KEY)).isNull();
  }

  @Test
  void publish_manyKeys_staysWithinMaxSize() {
    CaffeineLocalTier<String> tier = CaffeineLocalTier.create(10);

    for (int i = 0; i < 1_000; i++) {
      reserveAndPublish(tier, "k" + i, servable("v" + i));
    }

    // Caffeine evicts in the background, off the reading thread
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tier.size()).isLessThanOrEqualTo(10));
  }

  @Test
  void enabled_isTrue() {
    assertThat(newTier().enabled()).isTrue();
  }
}
