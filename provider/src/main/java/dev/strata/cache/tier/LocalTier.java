package dev.strata.cache.tier;

/**
 * L1: an in-process cache of what L2 held, keyed by the application's key objects. Values get in
 * only through a reservation: {@link #reserve} before reading L2, {@link #publish} after, and
 * any {@link #invalidate} or {@link #invalidateAll} in between cancels it, so a value read before a
 * concurrent write is never published after that write's invalidation. Thread-safe.
 *
 * @param <K> the key type
 */
public interface LocalTier<K> {

  /** @return the entry for the key, or null if there is none (a pending reservation counts as none) */
  LocalValue get(K key);

  /** @return the bytes L1 holds by its weights when it is bounded by bytes ({@code l1.max-bytes}); -1 otherwise */
  default long weightedSize() {
    return -1;
  }

  /**
   * Reserves the key before an L2 read.
   *
   * @return a token for {@link #publish}, or null if the key cannot be reserved now (already
   *     reserved by another reader, or a clear is in progress)
   */
  Object reserve(K key);

  /** Publishes a value read from L2 if the reservation still stands; otherwise drops it. */
  void publish(K key, Object token, LocalValue value);

  /** Gives up a reservation (after an error or a miss). */
  void cancel(K key, Object token);

  /** Drops the key and cancels any reservation for it. */
  void invalidate(K key);

  /** Drops everything and cancels every reservation made so far. */
  void invalidateAll();

  /**
   * Keeps every entry, and every reservation made so far, but stops vouching for them: after
   * invalidations may have been lost, each is served again only once L2 has confirmed it (the
   * reader then publishes it afresh). Unlike {@link #invalidateAll}, an entry L2 still holds keeps
   * its instance and its place in the eviction policy.
   */
  void distrustAll();

  /** @return whether {@code entry} was reserved since the last {@link #distrustAll}, so L1 may vouch for it */
  boolean vouches(LocalValue entry);

  /**
   * Starts a clear of L2: until {@link #endClear}, nothing is published, and reservations made
   * before the end are void.
   */
  void beginClear();

  /** Ends what {@link #beginClear} started, dropping anything that raced in. */
  void endClear();

  /** @return the number of entries held, an estimate */
  long size();

  /** @return whether this tier holds anything at all */
  boolean enabled();

  /** @return the L1 that holds nothing: the same code path runs with L1 switched off */
  @SuppressWarnings("unchecked")
  static <K> LocalTier<K> disabled() {
    return (LocalTier<K>) Disabled.INSTANCE;
  }

  /** The no-op L1. */
  enum Disabled implements LocalTier<Object> {
    INSTANCE;

    @Override
    public LocalValue get(Object key) {
      return null;
    }

    @Override
    public Object reserve(Object key) {
      return null;
    }

    @Override
    public void publish(Object key, Object token, LocalValue value) {
    }

    @Override
    public void cancel(Object key, Object token) {
    }

    @Override
    public void invalidate(Object key) {
    }

    @Override
    public void invalidateAll() {
    }

    @Override
    public void distrustAll() {
    }

    @Override
    public boolean vouches(LocalValue entry) {
      return false;
    }

    @Override
    public void beginClear() {
    }

    @Override
    public void endClear() {
    }

    @Override
    public long size() {
      return 0;
    }

    @Override
    public boolean enabled() {
      return false;
    }
  }
}
