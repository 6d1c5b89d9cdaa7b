package dev.strata.cache.tier;

/**
 * What L1 holds for a key: either the decoded value, when callers may share it (immutable types),
 * or the L2 record to decode on each read; and the instant after which L1 must not serve it any
 * more, {@code min(expiresAt, readStart + maxStaleness)}. Immutable. It holds one of the two
 * forms, never both, so an L1 entry of an immutable value costs the value and 32 bytes.
 *
 * @param value      the shared value if {@code decoded}, else the L2 record as the remote tier returned it
 * @param decoded    whether {@code value} is the decoded value rather than the record
 * @param serveUntil the last instant (epoch ms, exclusive) this L1 entry may be served
 */
public record LocalValue(Object value, boolean decoded, long serveUntil) {

  /** @return whether L1 may serve this entry at a time that is at least {@code now} */
  public boolean servable(long now) {
    return now < serveUntil;
  }
}
