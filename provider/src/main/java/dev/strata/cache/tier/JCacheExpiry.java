package dev.strata.cache.tier;

import javax.cache.configuration.Factory;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * A cache's expiry as instants: when an entry created, updated or read now expires (epoch ms,
 * {@link Long#MAX_VALUE} for never). Either the JSR-107 {@link ExpiryPolicy} of its configuration,
 * which sees neither key nor value, or a {@link ValueLifetime} chosen from both. A JSR-107 policy
 * that throws is treated as the spec says: eternal on creation, unchanged on update and access. The
 * expiries that never change on access cost no call per hit. Thread-safe if the policy is.
 */
public final class JCacheExpiry {

  /** What {@link #access()} answers when the value chooses a read's new expiry: ask {@link #accessed}. */
  public static final Duration FROM_VALUE = new Duration(java.util.concurrent.TimeUnit.MILLISECONDS, 1);

  private final ExpiryPolicy policy;
  private final ValueLifetime chosen;
  private final boolean eternal;
  private final boolean accessKeepsExpiry;

  private JCacheExpiry(ExpiryPolicy policy, ValueLifetime chosen, boolean eternal, boolean accessKeepsExpiry) {
    this.policy = policy;
    this.chosen = chosen;
    this.eternal = eternal;
    this.accessKeepsExpiry = accessKeepsExpiry;
  }

  /** @return an expiry chosen from each entry's key and value */
  public static JCacheExpiry chosen(ValueLifetime lifetime) {
    return new JCacheExpiry(new EternalExpiryPolicy(), lifetime, false, !lifetime.readsChange());
  }

  /** @return whether the value chooses the expiry (so the writes below need key and value) */
  public boolean fromValue() {
    return chosen != null;
  }

  /** @param factory the configuration's factory; null means eternal */
  public static JCacheExpiry of(Factory<ExpiryPolicy> factory) {
    ExpiryPolicy policy = factory == null ? new EternalExpiryPolicy() : factory.create();
    boolean eternal = policy.getClass() == EternalExpiryPolicy.class;
    return new JCacheExpiry(policy, null, eternal, eternal || policy.getClass() == CreatedExpiryPolicy.class
        || policy.getClass() == ModifiedExpiryPolicy.class);
  }

  /** @return the policy itself, for closing it with the cache */
  public ExpiryPolicy policy() {
    return policy;
  }

  /** @return whether entries never expire: creation and update agree, so a put need not read the old entry */
  public boolean eternal() {
    return eternal;
  }

  /** @return when an entry created at {@code now} with {@code value} expires */
  public long creation(Object key, Object value, long now) {
    return chosen != null ? chosen.creation(key, value, now) : creation(now);
  }

  /** @return when an entry that expired at {@code expiresAt} and is updated to {@code value} at {@code now} expires */
  public long update(Object key, Object value, long expiresAt, long now) {
    return chosen != null ? chosen.update(key, value, expiresAt, now) : update(expiresAt, now);
  }

  /**
   * @param access what {@link #access()} answered, not null
   * @param value  the entry's value, decoded only when the value chooses
   * @return when an entry that expired at {@code expiresAt}, read at {@code now}, expires
   */
  public long accessed(Object key, java.util.function.Supplier<Object> value, Duration access, long expiresAt,
                       long now) {
    return access == FROM_VALUE ? chosen.access(key, value.get(), expiresAt, now) : at(now, access);
  }

  /** @return when an entry created at {@code now} expires, by the JSR-107 policy */
  private long creation(long now) {
    Duration duration;
    try {
      duration = policy.getExpiryForCreation();
    } catch (RuntimeException e) {
      duration = Duration.ETERNAL;
    }
    return at(now, duration == null ? Duration.ETERNAL : duration);
  }

  /** @return when an entry that expired at {@code expiresAt} and is updated at {@code now} expires, by the JSR-107 policy */
  private long update(long expiresAt, long now) {
    Duration duration;
    try {
      duration = policy.getExpiryForUpdate();
    } catch (RuntimeException e) {
      duration = null;
    }
    return duration == null ? expiresAt : at(now, duration);
  }

  /** @return the access duration, or null when a read leaves the expiry unchanged */
  public Duration access() {
    if (accessKeepsExpiry) {
      return null;
    }
    if (chosen != null) {
      return FROM_VALUE;
    }
    try {
      return policy.getExpiryForAccess();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** @return {@code now} plus {@code duration}, saturating at never */
  public static long at(long now, Duration duration) {
    if (duration.isEternal()) {
      return Long.MAX_VALUE;
    }
    if (duration.isZero()) {
      return now;
    }
    return Saturated.add(now, duration.getTimeUnit().toMillis(duration.getDurationAmount()));
  }
}
