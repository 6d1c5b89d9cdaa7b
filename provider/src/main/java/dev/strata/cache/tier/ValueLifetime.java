package dev.strata.cache.tier;

/**
 * An expiry chosen from the entry's key and value, as instants: the tier's view of the
 * application's {@code StrataExpiry}, adapted by the cache that owns it. Thread-safe.
 */
public interface ValueLifetime {

  /** @return when an entry created at {@code now} with {@code value} expires (epoch ms, {@link Long#MAX_VALUE} for never) */
  long creation(Object key, Object value, long now);

  /** @return when an entry that expired at {@code expiresAt} and is updated to {@code value} at {@code now} expires */
  long update(Object key, Object value, long expiresAt, long now);

  /** @return whether a read can change an entry's expiry at all */
  boolean readsChange();

  /** @return when an entry that expired at {@code expiresAt}, read at {@code now}, expires */
  long access(Object key, Object value, long expiresAt, long now);
}
