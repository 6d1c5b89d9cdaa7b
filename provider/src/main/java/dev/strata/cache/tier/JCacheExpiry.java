package dev.strata.cache.tier;

import javax.cache.configuration.Factory;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * A cache's JSR-107 {@link ExpiryPolicy} as instants: when an entry created, updated or read now
 * expires (epoch ms, {@link Long#MAX_VALUE} for never). A policy that throws is treated as the spec
 * says: eternal on creation, unchanged on update and access. The spec's own policies that never
 * change an entry's expiry on access cost no call per hit. Thread-safe if the policy is.
 */
public final class JCacheExpiry {

  private final ExpiryPolicy policy;
  private final boolean eternal;
  private final boolean accessKeepsExpiry;

  private JCacheExpiry(ExpiryPolicy policy, boolean eternal, boolean accessKeepsExpiry) {
    this.policy = policy;
    this.eternal = eternal;
    this.accessKeepsExpiry = accessKeepsExpiry;
  }

  /** @param factory the configuration's factory; null means eternal */
  public static JCacheExpiry of(Factory<ExpiryPolicy> factory) {
    ExpiryPolicy policy = factory == null ? new EternalExpiryPolicy() : factory.create();
    boolean eternal = policy.getClass() == EternalExpiryPolicy.class;
    return new JCacheExpiry(policy, eternal, eternal || policy.getClass() == CreatedExpiryPolicy.class
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

  /** @return when an entry created at {@code now} expires */
  public long creation(long now) {
    Duration duration;
    try {
      duration = policy.getExpiryForCreation();
    } catch (RuntimeException e) {
      duration = Duration.ETERNAL;
    }
    return at(now, duration == null ? Duration.ETERNAL : duration);
  }

  /** @return when an entry that expired at {@code expiresAt} and is updated at {@code now} expires */
  public long update(long expiresAt, long now) {
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
