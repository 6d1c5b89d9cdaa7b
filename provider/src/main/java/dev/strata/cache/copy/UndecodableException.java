package dev.strata.cache.copy;

/**
 * Thrown by {@link Codec} when bytes read from L2 are not in the format this version of Strata
 * writes, or are damaged. The tier that called the codec turns it into a
 * {@link javax.cache.CacheException} naming the cache.
 */
public final class UndecodableException extends RuntimeException {

  UndecodableException(String reason) {
    super(reason);
  }

  UndecodableException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
