package dev.strata.cache.copy;

/**
 * Thrown when a key or value cannot be serialized. Strata keeps every entry serialized in
 * Hazelcast, so keys and values must be {@link java.io.Serializable}. The cache rethrows it as an
 * {@link IllegalArgumentException} that names the cache.
 */
public final class NotSerializableValueException extends RuntimeException {

  private final Class<?> type;

  NotSerializableValueException(Class<?> type, Throwable cause) {
    super(type.getName() + (cause == null ? " does not implement java.io.Serializable" : " cannot be serialized: " + cause), cause);
    this.type = type;
  }

  /** @return the class of the object that could not be serialized */
  public Class<?> type() {
    return type;
  }
}
