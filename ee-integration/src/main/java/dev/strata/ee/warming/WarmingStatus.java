package dev.strata.ee.warming;

import java.time.Duration;

/**
 * Where the warming of one cache stands in this JVM: a snapshot, for readiness and the management
 * API. Immutable.
 *
 * @param cacheName the cache
 * @param state     not started, warming, warm or failed
 * @param done      how many of the {@code total} entries (or configured keys) were gone through
 * @param total     how many there are, or -1 while a {@code CacheWarmer} is still loading them
 * @param entries   how many entries were put
 * @param took      how long the warming took, or has taken so far; zero if not started
 * @param failure   why it failed, or null
 */
public record WarmingStatus(String cacheName, State state, long done, long total, long entries, Duration took,
                            String failure) {

  /** The stages of one warming. */
  public enum State {
    /** Nothing warmed the cache in this JVM yet. */
    NOT_STARTED,
    /** Entries are being loaded and put. */
    WARMING,
    /** Every entry was put. */
    WARM,
    /** The warming stopped; {@link #failure()} says why. */
    FAILED
  }

  static WarmingStatus notStarted(String cacheName) {
    return new WarmingStatus(cacheName, State.NOT_STARTED, 0, -1, 0, Duration.ZERO, null);
  }

  /** @return e.g. {@code products: warming 120/500}, {@code products: warm, 500 entries in 1200 ms} */
  public String describe() {
    return switch (state) {
      case NOT_STARTED -> cacheName + ": not started";
      case WARMING -> cacheName + ": warming " + done + "/" + (total < 0 ? "?" : total);
      case WARM -> cacheName + ": warm, " + entries + " entries in " + took.toMillis() + " ms";
      case FAILED -> cacheName + ": failed after " + entries + " entries: " + failure;
    };
  }
}
