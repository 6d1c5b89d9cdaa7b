package dev.strata.cache;

/**
 * Hears when a cache manager creates a cache and when that cache goes away (closed or destroyed),
 * so integrations such as metrics can follow caches without polling. Called on the thread that
 * created or closed the cache; implementations must be thread-safe and quick.
 */
public interface CacheObserver {

  /** A cache was created and is ready for use. */
  void created(StrataCache<?, ?> cache);

  /** A cache was closed or destroyed; it is no longer usable. */
  void removed(StrataCache<?, ?> cache);
}
