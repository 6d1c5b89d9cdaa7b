package dev.strata.ee;

import java.util.Map;

/**
 * Fills one cache when the application starts: every CDI bean that implements this interface is
 * discovered, and its {@link #entries()} are put into cache {@link #cacheName()} on a background
 * thread, through the cache's normal write path ({@code putAll}: coherent across the cluster and
 * counted as puts). One warmer per cache. Readiness waits for it when
 * {@code strata.cache.<name>.warm.required=true}. Beyond JSR-107.
 *
 * <p>For a cache the annotations fill ({@code @CacheResult}), the keys must be the ones the
 * annotations generate: {@link AnnotationKeys#of(Object...)} of the method's key parameters. A
 * write-through cache's {@code CacheWriter} sees the warmed entries, as it sees any {@code putAll}.
 *
 * <p>Called on a Strata thread, not a request thread: no request context, no transaction.
 * Implementations need not be thread-safe; each warming calls {@link #entries()} once.
 *
 * @param <K> the key type of the cache
 * @param <V> the value type of the cache
 */
public interface CacheWarmer<K, V> {

  /** @return the name of the cache to fill */
  String cacheName();

  /**
   * Loads the entries to put, all at once (they are held in memory until they are put, in batches):
   * warm the hot set, not a table of millions.
   *
   * @return the entries; null values are skipped
   * @throws Exception for any failure: warming then stops, logs a warning with the reason, and a
   *     required cache keeps readiness DOWN
   */
  Map<K, V> entries() throws Exception;
}
