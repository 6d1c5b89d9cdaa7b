package dev.strata.cache.tier;

import java.util.Objects;

/**
 * One attempt of a mutation: the record L2 holds (or is believed to hold), whether it is live at
 * the operation's start, and the verbs a {@link Plan} answers with. Not thread-safe: one per attempt.
 */
public final class Step {

  private final Object old;
  private final boolean live;
  private final long now;
  private final Object held;
  private final RemoteTier l2;

  Step(Object old, long now, LocalValue before, RemoteTier l2) {
    this.old = old;
    this.now = now;
    this.l2 = l2;
    this.live = old != null && l2.expiresAt(old) > now;
    this.held = TieredStore.heldFor(before, old, l2);
  }

  /** @return the record found, live or expired; null if none */
  public Object old() {
    return old;
  }

  /** @return whether the record found is live */
  public boolean live() {
    return live;
  }

  /** @return the wall-clock time at the operation's start (ms) */
  public long now() {
    return now;
  }

  /** @return when the record found expires (epoch ms) */
  public long expiresAt() {
    return l2.expiresAt(old);
  }

  /**
   * Whether the entry's value equals what a conditional operation expects: {@code equals}, arrays
   * by content, or the very instance a store-by-reference L1 held for this record.
   */
  public boolean holds(Object expected) {
    return held == expected || Objects.deepEquals(expected, held != null ? held : l2.value(old));
  }

  /** Leaves the entry as it is. */
  public Decision keep() {
    return new Decision(TieredStore.KEEP, old, live, false, null);
  }

  /** Stores {@code record}: the operation took effect. */
  public Decision store(Object record) {
    return new Decision(record, old, live, true, null);
  }

  /** Removes the entry: the operation took effect. */
  public Decision remove() {
    return new Decision(old == null ? TieredStore.KEEP : TieredStore.DELETE, old, live, true, null);
  }

  /** Removes the entry because its expiry has come: the operation did not take effect. */
  public Decision expire() {
    return new Decision(old == null ? TieredStore.KEEP : TieredStore.DELETE, old, live, false, null);
  }

  /**
   * The entry was read but not changed (a conditional operation that found another value, an entry
   * processor that only read): the access expiry applies, and an entry whose access expiry has
   * passed already is removed. An expiry chosen from the value is left unchanged.
   */
  public Decision accessed(JCacheExpiry expiry) {
    javax.cache.expiry.Duration access = expiry.access();
    // a value-chosen expiry needs the key, which a step does not know: such reads leave the expiry as it is
    if (access == null || access == JCacheExpiry.FROM_VALUE) {
      return keep();
    }
    long expiresAt = JCacheExpiry.at(now, access);
    return expiresAt <= now ? expire() : touch(l2.restamp(old, expiresAt));
  }

  /** Stores the same value with a new expiry (a read's access expiry): the operation did not take effect. */
  public Decision touch(Object record) {
    return new Decision(record, old, live, false, null);
  }
}
