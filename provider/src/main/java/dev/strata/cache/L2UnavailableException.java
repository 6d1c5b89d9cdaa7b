package dev.strata.cache;

import javax.cache.CacheException;

/**
 * A cache operation failed because Hazelcast (L2) could not serve it: the cluster is away, or the
 * Hazelcast instance has stopped. The message names the cache, what it tried and the fix; the
 * cause is Hazelcast's exception. Being a {@link CacheException}, it is what JSR-107 callers expect;
 * callers that can do without the cache (as {@code @CacheResult} does) catch it by this type.
 */
public class L2UnavailableException extends CacheException {

  private static final long serialVersionUID = 1L;

  public L2UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** @return whether Hazelcast did not answer in time (a member paused or overloaded), rather than refused */
  public boolean timedOut() {
    return getCause() instanceof com.hazelcast.core.OperationTimeoutException;
  }
}
