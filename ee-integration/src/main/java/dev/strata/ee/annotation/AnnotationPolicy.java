package dev.strata.ee.annotation;

import java.time.Duration;

/**
 * What the annotation layer adds to a cache beyond JSR-107. Immutable.
 *
 * @param singleFlightTimeout how long a {@code @CacheResult} caller waits for a concurrent call
 *                            with the same key before calling the method itself
 * @param nullCaching         whether {@code @CacheResult} caches null results (off, as in the spec)
 */
public record AnnotationPolicy(Duration singleFlightTimeout, boolean nullCaching) {

  /** The defaults: wait up to 10 s for a concurrent load; do not cache nulls. */
  public static final AnnotationPolicy DEFAULT = new AnnotationPolicy(Duration.ofSeconds(10), false);
}
