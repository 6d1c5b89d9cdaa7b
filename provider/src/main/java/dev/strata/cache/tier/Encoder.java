package dev.strata.cache.tier;

import dev.strata.cache.config.SerializationSettings;
import dev.strata.cache.copy.NotSerializableValueException;
import dev.strata.cache.copy.RejectedClassException;

/**
 * Turns a cache's keys and values into L2's form and back. A key or value L2 cannot take is
 * refused before anything is written, with a message that names the cache, the type and the fix.
 * Thread-safe.
 */
public final class Encoder {

  private final String cacheName;
  private final RemoteTier l2;

  public Encoder(String cacheName, RemoteTier l2) {
    this.cacheName = cacheName;
    this.l2 = l2;
  }

  /** @return L2's form of an application key */
  public Object key(Object key) {
    try {
      return l2.key(key);
    } catch (NotSerializableValueException e) {
      throw new IllegalArgumentException("Cache '" + cacheName + "' cannot store key of " + e.type().getName()
          + ": it is not serializable, and Strata keeps keys serialized in Hazelcast. Make it implement "
          + "java.io.Serializable", e);
    } catch (RejectedClassException e) {
      throw notAllowed("key", key, e);
    }
  }

  /** @return an L2 record of {@code value} that expires at {@code expiresAt} (epoch ms) */
  public Object record(Object value, long expiresAt) {
    try {
      return l2.record(value, expiresAt);
    } catch (NotSerializableValueException e) {
      throw new IllegalArgumentException("Cache '" + cacheName + "' cannot store value of " + e.type().getName()
          + ": it is not serializable, and Strata keeps values serialized in Hazelcast. Make it implement "
          + "java.io.Serializable; nothing was stored", e);
    } catch (RejectedClassException e) {
      throw notAllowed("value", value, e);
    }
  }

  /** A key or value that holds a class no JVM of the cluster would decode: refused before anything is written. */
  private IllegalArgumentException notAllowed(String what, Object given, RejectedClassException e) {
    return new IllegalArgumentException("Cache '" + cacheName + "' cannot store " + what + " of "
        + given.getClass().getName() + ": it holds class " + e.className() + ", which is neither a JDK value type "
        + "nor one of the application's classes, so no JVM of the cluster would decode it. Add it to the Strata "
        + "property '" + SerializationSettings.ALLOW + "' (" + e.allowEntries() + "); nothing was stored", e);
  }

  /** @return a record with the same value and another expiry (epoch ms) */
  public Object restamp(Object record, long expiresAt) {
    return l2.restamp(record, expiresAt);
  }

  /** @return a record's value, decoded afresh */
  public Object value(Object record) {
    return l2.value(record);
  }

  /** @return the application key of an L2 key */
  public Object appKey(Object tierKey) {
    return l2.appKey(tierKey);
  }
}
