package dev.strata.cache.internal;

/**
 * Wall-clock time in milliseconds, injected so that tests can move time by hand.
 * Expiry times are wall-clock instants because they travel between JVMs inside L2 records.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Clock {

  /** The system clock. */
  Clock SYSTEM = System::currentTimeMillis;

  /** @return the current time in epoch milliseconds */
  long millis();
}
