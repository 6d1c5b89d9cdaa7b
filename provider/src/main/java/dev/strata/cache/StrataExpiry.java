package dev.strata.cache;

import java.time.Duration;

/**
 * Chooses how long an entry lives from its key and its value, where a JSR-107
 * {@link javax.cache.expiry.ExpiryPolicy} sees neither: "15 minutes, but 60 seconds while the
 * balance is 0". Set per cache with {@code strata.cache.<name>.expiry-class} (a class with a public
 * no-argument constructor), or, in a CDI application, as a bean qualified
 * {@code @NamedCache("<name>")}. The lifetime it answers is written into the entry in L2, so every
 * JVM of the cluster expires the entry at the same instant, and L1 never serves it past that
 * instant. A cache has either a {@code StrataExpiry} or a fixed expiry ({@code ttl},
 * {@code expiry}, or an {@code ExpiryPolicy} in its configuration): it fails at creation when both
 * are set.
 *
 * <p>A lifetime of {@code null} means the entry never expires; zero or a negative one means it
 * expires at once (a create is then not stored). An exception thrown here fails the cache
 * operation, wrapped in a {@code javax.cache.CacheException} that names the cache and the key:
 * nothing is stored with a lifetime nobody chose. Implementations must be thread-safe and fast:
 * they run on every write, and {@link #expireAfterRead} on every read if it is overridden.
 *
 * @param <K> the cache's key type
 * @param <V> the cache's value type
 */
public interface StrataExpiry<K, V> {

  /** @return the lifetime of an entry created now with {@code value} */
  Duration expireAfterCreate(K key, V value);

  /**
   * @param remaining the entry's lifetime left before this update, null if it never expired
   * @return the lifetime of an entry updated now to {@code value}; by default as if it were created
   */
  default Duration expireAfterUpdate(K key, V value, Duration remaining) {
    return expireAfterCreate(key, value);
  }

  /**
   * Overriding this costs an L2 write on the reads that change the lifetime, and turns every L1 hit
   * into an L2 read, as JSR-107's access expiry does.
   *
   * @param remaining the entry's lifetime left, null if it never expires
   * @return the entry's lifetime from now on; by default {@code remaining}, leaving it unchanged
   */
  default Duration expireAfterRead(K key, V value, Duration remaining) {
    return remaining;
  }
}
