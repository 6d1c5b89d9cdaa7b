package dev.strata.cache;

import java.time.Duration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * The policy a cache runs with, once the JSR-107 configuration and the Strata configuration keys
 * are combined: what an operator needs to know about a cache to reason about what it serves.
 * Immutable.
 *
 * @param expiry       {@code created}, {@code accessed}, {@code modified}, {@code touched},
 *                     {@code eternal}, or the class name of an application's own policy
 * @param ttl          the policy's duration; null for eternal and for an application's own policy
 * @param l1Enabled    whether this JVM keeps an L1 (always, for a store-by-reference cache)
 * @param l1MaxSize    the most entries L1 holds
 * @param maxStaleness the longest L1 serves an entry without going back to L2
 * @param enabled      whether the cache annotations use the cache now
 * @param prefixInvalidation whether the cache indexes its keys for prefix invalidation
 * @param refreshAfter the age past which a read reloads an entry in the background, or null
 * @param staleIfError how long past its expiry an entry serves when its reload fails, or null
 * @param singleFlightTimeout how long a caller waits for another JVM's or thread's computation of a key
 * @param singleFlightLease how long a computation's lease outlives its holder's last renewal
 */
public record CachePolicy(String cacheName, String expiry, Duration ttl, boolean l1Enabled, int l1MaxSize,
                          Duration maxStaleness, boolean storeByValue, boolean statistics, boolean management,
                          boolean readThrough, boolean writeThrough, boolean enabled, boolean prefixInvalidation,
                          Duration refreshAfter, Duration staleIfError, Duration singleFlightTimeout,
                          Duration singleFlightLease) {

  /**
   * @param expiry the cache's JSR-107 policy, or its {@link StrataExpiry} (reported by class name)
   */
  static CachePolicy of(String cacheName, CompleteConfiguration<?, ?> configuration, Object expiry,
                        boolean l1Enabled, dev.strata.cache.config.CacheSettings settings, boolean enabled) {
    String kind = expiry instanceof CreatedExpiryPolicy ? "created"
        : expiry instanceof AccessedExpiryPolicy ? "accessed"
        : expiry instanceof ModifiedExpiryPolicy ? "modified"
        : expiry instanceof TouchedExpiryPolicy ? "touched"
        : expiry instanceof EternalExpiryPolicy ? "eternal"
        : expiry.getClass().getName();
    // the spec's four timed policies hold one duration, the one they give for creation
    boolean timed = !kind.equals("eternal") && !kind.equals(expiry.getClass().getName());
    Duration ttl = null;
    if (timed) {
      javax.cache.expiry.Duration creation = ((ExpiryPolicy) expiry).getExpiryForCreation();
      ttl = creation == null || creation.isEternal() ? null
          : Duration.ofMillis(creation.getTimeUnit().toMillis(creation.getDurationAmount()));
    }
    return new CachePolicy(cacheName, kind, ttl, l1Enabled, settings.l1MaxSize(), settings.maxStaleness(),
        configuration.isStoreByValue(), configuration.isStatisticsEnabled(), configuration.isManagementEnabled(),
        configuration.isReadThrough(), configuration.isWriteThrough(), enabled, settings.prefixInvalidation(),
        settings.refreshAfter(), settings.staleIfError(), settings.singleFlightTimeout(), settings.singleFlightLease());
  }
}
