package dev.strata.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cache.copy.CopyStrategy;
import dev.strata.cache.internal.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LocalTier} must do, the no-op one included: never let a value read before an
 * invalidation become visible after it, and never hold more than it was given. Subclasses supply
 * the implementation. Values are published as {@code StrataCache} publishes them: only with a
 * token that {@link LocalTier#reserve} returned.
 */
abstract class LocalTierContract {

  static final String KEY = "k";
  static final String OTHER_KEY = "other";

  final AtomicLong now = new AtomicLong(1_000_000);
  final Clock clock = now::get;

  /** @return a fresh, empty tier running on {@link #clock} */
  abstract LocalTier<String> newTier();

  static LocalValue value(String value, long serveUntil) {
    return new LocalValue(value, CopyStrategy.SHARE, serveUntil);
  }

  /** @return the value the tier would serve for the key now, or null */
  Object served(LocalTier<String> tier, String key) {
    LocalValue entry = tier.get(key);
    return entry != null && entry.servable(now.get()) ? entry.value() : null;
  }

  LocalValue servable(String value) {
    return value(value, now.get() + 60_000);
  }

  /** Reserves, then publishes if a reservation was granted; returns the token. */
  static Object reserveAndPublish(LocalTier<String> tier, String key, LocalValue value) {
    Object token = tier.reserve(key);
    publishIfReserved(tier, key, token, value);
    return token;
  }

  static void publishIfReserved(LocalTier<String> tier, String key, Object token, LocalValue value) {
    if (token != null) {
      tier.publish(key, token, value);
    }
  }

  @Test
  void distrustAll_afterAPublish_leavesNothingVouchedFor() {
    LocalTier<String> tier = newTier();
    reserveAndPublish(tier, KEY, servable("v"));

    tier.distrustAll();

    LocalValue entry = tier.get(KEY);
    assertThat(entry == null || !tier.vouches(entry)).as("an entry from before is not served unconfirmed").isTrue();
  }

  @Test
  void get_unknownKey_returnsNull() {
    assertThat(newTier().get(KEY)).isNull();
  }

  @Test
  void get_whileReserved_returnsNull() {
    LocalTier<String> tier = newTier();
    tier.reserve(KEY);

    assertThat(tier.get(KEY)).isNull();
  }

  @Test
  void reserve_keyAlreadyReserved_returnsNull() {
    LocalTier<String> tier = newTier();
    tier.reserve(KEY);

    assertThat(tier.reserve(KEY)).as("a second reader of the same key must not publish").isNull();
  }

  @Test
  void publish_afterInvalidateOfTheKey_isNotVisible() {
    LocalTier<String> tier = newTier();
    Object token = tier.reserve(KEY);

    tier.invalidate(KEY);
    publishIfReserved(tier, KEY, token, servable("read before the invalidation"));

    assertThat(tier.get(KEY)).isNull();
  }

  @Test
  void publish_afterInvalidateAll_isNotVisible() {
    LocalTier<String> tier = newTier();
    Object token = tier.reserve(KEY);

    tier.invalidateAll();
    publishIfReserved(tier, KEY, token, servable("read before the invalidation"));

    assertThat(tier.get(KEY)).isNull();
  }

  @Test
  void publish_ofReservationMadeBeforeAClear_isNotVisible() {
    LocalTier<String> tier = newTier();
    Object token = tier.reserve(KEY);

    tier.beginClear();
    tier.endClear();
    publishIfReserved(tier, KEY, token, servable("read before the clear"));

    assertThat(tier.get(KEY)).isNull();
  }

  @Test
  void publish_duringAClear_isNotVisibleDuringOrAfterIt() {
    LocalTier<String> tier = newTier();
    tier.beginClear();

    reserveAndPublish(tier, KEY, servable("read during the clear"));
    assertThat(tier.get(KEY)).isNull();
    tier.endClear();

    assertThat(tier.get(KEY)).isNull();
  }

  @Test
  void invalidate_publishedKey_removesOnlyThatKey() {
    LocalTier<String> tier = newTier();
    reserveAndPublish(tier, KEY, servable("v"));
    LocalValue other = servable("o");
    reserveAndPublish(tier, OTHER_KEY, other);

    tier.invalidate(KEY);

    assertThat(tier.get(KEY)).isNull();
    assertThat(served(tier, OTHER_KEY)).isEqualTo(tier.enabled() ? "o" : null);
  }

  @Test
  void invalidateAll_afterPublishes_leavesNothing() {
    LocalTier<String> tier = newTier();
    reserveAndPublish(tier, KEY, servable("v"));
    reserveAndPublish(tier, OTHER_KEY, servable("o"));

    tier.invalidateAll();

    assertThat(tier.get(KEY)).isNull();
    assertThat(tier.get(OTHER_KEY)).isNull();
    assertThat(tier.size()).isZero();
  }

  @Test
  void cancel_reservation_leavesNothing() {
    LocalTier<String> tier = newTier();
    Object token = tier.reserve(KEY);

    tier.cancel(KEY, token);

    assertThat(tier.get(KEY)).isNull();
    assertThat(tier.size()).isZero();
  }
}
