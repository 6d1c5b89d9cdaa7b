package dev.strata.cache.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.cache.configuration.MutableConfiguration;

/**
 * The Strata settings of one cache. Each key is looked up as {@code strata.cache.<name>.<key>},
 * then {@code strata.cache.default.<key>}, then falls back to its default. The L1 keys shape the
 * near cache; the policy keys (expiry, TTL, store-by-value, statistics, management), when set,
 * override what the cache's JSR-107 configuration says, so operators can tune a cache without
 * touching code. Immutable.
 *
 * @param l1Enabled    whether the near cache (L1) is on
 * @param l1MaxSize    the most entries L1 holds
 * @param maxStaleness the longest an L1 entry is served without going back to L2
 * @param expiry       the expiry policy kind, or null if not configured
 * @param ttl          the expiry policy's duration, or null if not configured
 * @param storeByValue store-by-value, or null if not configured
 * @param statistics   statistics on, or null if not configured
 * @param management   the configuration MXBean on, or null if not configured
 * @param enabled      whether the cache annotations use this cache at all; when false they pass
 *                     through to the method, reading and writing nothing
 * @param prefixInvalidation whether the cache keeps an index of its {@code String} keys in the
 *                     cluster, so that every key under a prefix can be invalidated at a cost that
 *                     grows with the keys removed; it costs one more write per put
 * @param expiryClass  the class name of the cache's {@code StrataExpiry}, which chooses each entry's
 *                     lifetime from its value, or null
 * @param refreshAfter how old an entry may get before a read reloads it in the background
 *                     (refresh-ahead), or null for never
 * @param staleIfError how long after its expiry an entry may still be served when its reload
 *                     fails, or null for not at all
 * @param singleFlightTimeout how long a caller waits for another caller (in this JVM or another)
 *                     computing the same key before computing it itself
 * @param singleFlightLease how long the lease of a key being computed lasts in the cluster without
 *                     its holder renewing it: a holder that dies or stalls delays the others by at
 *                     most this long
 * @param bounds       the memory bounds of both tiers and the longest wait for L2 ({@link Bounds})
 */
public record CacheSettings(boolean l1Enabled, int l1MaxSize, Duration maxStaleness, ExpiryKind expiry,
                            Duration ttl, Boolean storeByValue, Boolean statistics, Boolean management,
                            boolean enabled, boolean prefixInvalidation, String expiryClass, Duration refreshAfter,
                            Duration staleIfError, Duration singleFlightTimeout, Duration singleFlightLease,
                            Bounds bounds) {

  public static final String L1_ENABLED = "l1.enabled";
  public static final String L1_MAX_SIZE = "l1.max-size";
  public static final String MAX_STALENESS = "max-staleness";
  public static final String EXPIRY = "expiry";
  public static final String TTL = "ttl";
  public static final String STORE_BY_VALUE = "store-by-value";
  public static final String STATISTICS = "statistics";
  public static final String MANAGEMENT = "management";
  /** How long a caller waits for a concurrent computation of the same key, in this JVM or another. */
  public static final String SINGLE_FLIGHT_TIMEOUT = "single-flight.timeout";
  /** How long a key's computation lease lasts in the cluster unless its holder renews it. */
  public static final String SINGLE_FLIGHT_LEASE = "single-flight.lease";
  /** The class name of a {@code StrataExpiry} that chooses each entry's lifetime from its value. */
  public static final String EXPIRY_CLASS = "expiry-class";
  /** How old an entry gets before a read reloads it in the background. */
  public static final String REFRESH_AFTER = "refresh-after";
  /** How long past its expiry an entry still serves when its reload fails. */
  public static final String STALE_IF_ERROR = "stale-if-error";
  /** Read by the CDI module (strata-ee): whether {@code @CacheResult} caches null results. */
  public static final String NULL_CACHING = "null-caching";
  /** Whether the cache annotations use the cache; false makes them pass through to the method. */
  public static final String ENABLED = "enabled";
  /** Read by the CDI module (strata-ee): comma-separated keys loaded through the cache's {@code CacheLoader} at startup. */
  public static final String WARM_KEYS = "warm.keys";
  /** Read by the CDI module (strata-ee): whether readiness waits until the cache is warm. */
  public static final String WARM_REQUIRED = "warm.required";
  /** Whether a {@code String}-keyed cache indexes its keys for prefix invalidation. */
  public static final String PREFIX_INVALIDATION = "prefix-invalidation";

  /** Every per-cache key; anything else under {@code strata.cache.} is a mistake. */
  public static final List<String> KEYS = List.of(L1_ENABLED, L1_MAX_SIZE, MAX_STALENESS, EXPIRY, TTL,
      STORE_BY_VALUE, STATISTICS, MANAGEMENT, SINGLE_FLIGHT_TIMEOUT, SINGLE_FLIGHT_LEASE, NULL_CACHING, ENABLED,
      PREFIX_INVALIDATION, WARM_KEYS, WARM_REQUIRED, EXPIRY_CLASS, REFRESH_AFTER, STALE_IF_ERROR, Bounds.L2_MAX_SIZE,
      Bounds.L2_EVICTION, Bounds.L1_MAX_BYTES, Bounds.L2_TIMEOUT);

  public static final boolean DEFAULT_L1_ENABLED = true;
  public static final int DEFAULT_L1_MAX_SIZE = 10_000;
  public static final Duration DEFAULT_MAX_STALENESS = Duration.ofSeconds(1);
  public static final Duration DEFAULT_SINGLE_FLIGHT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_SINGLE_FLIGHT_LEASE = Duration.ofSeconds(5);

  /** The name used for defaults shared by every cache. */
  public static final String DEFAULT_CACHE = "default";

  /**
   * Reads the settings of {@code cacheName}.
   *
   * @throws IllegalArgumentException naming the key, the value and what is allowed
   */
  public static CacheSettings of(PropertySource source, String cacheName) {
    String ttlKey = key(source, cacheName, TTL);
    Duration ttl = source.raw(ttlKey) == null ? null : source.positiveDuration(ttlKey, null);
    String expiryKey = key(source, cacheName, EXPIRY);
    ExpiryKind expiry = source.raw(expiryKey) == null ? null : source.choice(expiryKey, ExpiryKind.class, null);
    if (expiry == null && ttl != null) {
      expiry = ExpiryKind.CREATED;
    }
    if (expiry != null && expiry != ExpiryKind.ETERNAL && ttl == null) {
      throw new IllegalArgumentException("Strata property '" + expiryKey + "' is '" + expiry.name().toLowerCase(Locale.ROOT)
          + "', which needs a duration, but '" + new CacheKeyName(cacheName, TTL).propertyName() + "' is not set; allowed: set the ttl "
          + "(an ISO-8601 duration such as PT10M) or use expiry=eternal");
    }
    String classKey = key(source, cacheName, EXPIRY_CLASS);
    String expiryClass = source.raw(classKey) == null ? null : source.raw(classKey).trim();
    if (expiryClass != null) {
      if (expiryClass.isEmpty()) {
        throw PropertySource.invalid(classKey, expiryClass,
            "the fully qualified name of a class implementing dev.strata.cache.StrataExpiry");
      }
      // a cache's own key beats a shared default: a value-chosen expiry of one cache overrides the default ttl
      boolean classIsOwn = isOwn(cacheName, classKey);
      for (String fixed : List.of(ttlKey, expiryKey)) {
        if (source.raw(fixed) != null && (isOwn(cacheName, fixed) || !classIsOwn)) {
          throw PropertySource.invalid(classKey, expiryClass, "an expiry chosen from the value, or a fixed one, "
              + "not both: '" + fixed + "' is set too; remove one of the two");
        }
      }
      ttl = null;
      expiry = null;
    }
    String refreshKey = key(source, cacheName, REFRESH_AFTER);
    Duration refreshAfter = source.raw(refreshKey) == null ? null : source.positiveDuration(refreshKey, null);
    if (refreshAfter != null && ttl != null && refreshAfter.compareTo(ttl) >= 0) {
      throw PropertySource.invalid(refreshKey, source.raw(refreshKey), "a duration shorter than the cache's ttl ("
          + ttl + ", '" + ttlKey + "'): an entry is refreshed while it still serves; lower refresh-after or raise the ttl");
    }
    String staleKey = key(source, cacheName, STALE_IF_ERROR);
    return new CacheSettings(
        source.bool(key(source, cacheName, L1_ENABLED), DEFAULT_L1_ENABLED),
        source.positiveInt(key(source, cacheName, L1_MAX_SIZE), DEFAULT_L1_MAX_SIZE),
        source.positiveDuration(key(source, cacheName, MAX_STALENESS), DEFAULT_MAX_STALENESS),
        expiry, ttl,
        optionalBool(source, key(source, cacheName, STORE_BY_VALUE)),
        optionalBool(source, key(source, cacheName, STATISTICS)),
        optionalBool(source, key(source, cacheName, MANAGEMENT)),
        source.bool(key(source, cacheName, ENABLED), true),
        source.bool(key(source, cacheName, PREFIX_INVALIDATION), false),
        expiryClass, refreshAfter,
        source.raw(staleKey) == null ? null : source.positiveDuration(staleKey, null),
        source.positiveDuration(key(source, cacheName, SINGLE_FLIGHT_TIMEOUT), DEFAULT_SINGLE_FLIGHT_TIMEOUT),
        source.positiveDuration(key(source, cacheName, SINGLE_FLIGHT_LEASE), DEFAULT_SINGLE_FLIGHT_LEASE),
        Bounds.of(source, cacheName));
  }

  /** Overrides the configuration with every policy key that is set. */
  public <K, V> void applyTo(MutableConfiguration<K, V> configuration) {
    if (expiry != null) {
      configuration.setExpiryPolicyFactory(expiry.factory(ttl));
    }
    if (storeByValue != null) {
      configuration.setStoreByValue(storeByValue);
    }
    if (statistics != null) {
      configuration.setStatisticsEnabled(statistics);
    }
    if (management != null) {
      configuration.setManagementEnabled(management);
    }
  }

  /**
   * Checks every {@code strata.cache.*} key: the key must be known, and the provider's own keys
   * must have valid values, for every cache named.
   *
   * @throws IllegalArgumentException naming the key, the value and what is allowed
   */
  public static void validate(PropertySource source) {
    for (String key : source.keys()) {
      if (!key.startsWith(CacheKeyName.PREFIX)) {
        continue;
      }
      CacheKeyName name = CacheKeyName.parse(key).orElseThrow(() -> PropertySource.invalid(key, source.raw(key),
          "no such key; per-cache keys are strata.cache.<cache-name>.<key> with <key> one of " + KEYS));
      of(source, name.cacheName());
    }
  }

  /** @return the per-cache key if present, else the shared default key */
  public static String key(PropertySource source, String cacheName, String setting) {
    String specific = new CacheKeyName(cacheName, setting).propertyName();
    return source.raw(specific) != null ? specific : new CacheKeyName(DEFAULT_CACHE, setting).propertyName();
  }

  /** @return whether {@code key}, as {@link #key} found it, is the cache's own rather than the shared default */
  private static boolean isOwn(String cacheName, String key) {
    return !cacheName.equals(DEFAULT_CACHE)
        && !CacheKeyName.parse(key).map(CacheKeyName::cacheName).orElse(DEFAULT_CACHE).equals(DEFAULT_CACHE);
  }

  private static Boolean optionalBool(PropertySource source, String key) {
    return source.raw(key) == null ? null : source.bool(key, false);
  }
}
