package dev.strata.cache.config;

import java.util.concurrent.TimeUnit;
import javax.cache.configuration.Factory;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/** The JSR-107 expiry policies a configuration key can name, as {@code strata.cache.<name>.expiry}. */
public enum ExpiryKind {
  /** The TTL runs from creation; updates and reads do not extend it. */
  CREATED,
  /** The TTL runs from creation and from every read. */
  ACCESSED,
  /** The TTL runs from creation and from every update. */
  MODIFIED,
  /** The TTL runs from creation, every update and every read. */
  TOUCHED,
  /** Entries never expire. */
  ETERNAL;

  /** @return the policy factory for a TTL (ignored for ETERNAL) */
  public Factory<ExpiryPolicy> factory(java.time.Duration ttl) {
    Duration duration = ttl == null ? Duration.ETERNAL : new Duration(TimeUnit.MILLISECONDS, ttl.toMillis());
    switch (this) {
      case CREATED:
        return CreatedExpiryPolicy.factoryOf(duration);
      case ACCESSED:
        return AccessedExpiryPolicy.factoryOf(duration);
      case MODIFIED:
        return ModifiedExpiryPolicy.factoryOf(duration);
      case TOUCHED:
        return TouchedExpiryPolicy.factoryOf(duration);
      default:
        return EternalExpiryPolicy.factoryOf();
    }
  }
}
