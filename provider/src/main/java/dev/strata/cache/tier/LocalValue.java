package dev.strata.cache.tier;

/**
 * What L1 holds for a key: the L2 record it was read from, the decoded value when it may be
 * shared (immutable types), the entry's JSR-107 expiry, and the instant after which L1 must not
 * serve it any more ({@code min(expiresAt, readStart + maxStaleness)}). Immutable.
 *
 * @param record    the L2 record, as the remote tier returned it
 * @param shared    the decoded value if callers may share it, else null (decode per read)
 * @param expiresAt the entry's JSR-107 expiry instant (epoch ms)
 * @param serveUntil the last instant (epoch ms, exclusive) this L1 entry may be served
 */
public record LocalValue(Object record, Object shared, long expiresAt, long serveUntil) {

  /**
   * @return whether L1 may serve this entry at a time that is at least {@code now}: it has not
   *     expired and is within its staleness bound
   */
  public boolean servable(long now) {
    return now < serveUntil && now < expiresAt;
  }
}
