package dev.strata.cache.internal;

import dev.strata.cache.copy.Codec;
import dev.strata.cache.copy.Codec.Bytes;

/**
 * The layout of a value in L2: a version byte, the JSR-107 expiry instant (epoch ms,
 * {@link Long#MAX_VALUE} when eternal), the Hazelcast time-to-live the record was written with
 * (ms, 0 when none), then the encoded value.
 *
 * <p>Expiry is kept in the record, not left to Hazelcast, because Hazelcast expires entries with
 * second granularity and JSR-107 needs millisecond precision evaluated in the calling JVM; the
 * Hazelcast TTL only collects entries that nobody reads after they expire. Records are compared
 * byte for byte by Hazelcast's {@code replace(k, old, new)} and {@code remove(k, old)}.
 * Static helpers only.
 */
public final class Record {

  /** Bytes in front of the encoded value. */
  public static final int HEADER = 17;
  /** The L2 format: 1 was Java serialization, 2 is the tagged form of {@link Codec} with Fory. */
  public static final byte VERSION = 2;

  private Record() {
  }

  /** Encodes {@code value} into a new record. */
  public static byte[] of(Codec codec, Object value, long expiresAt, long gcTtl) {
    byte[] record = codec.encode(value, HEADER);
    return stamp(record, expiresAt, gcTtl);
  }

  /** @return a copy of {@code record} with another expiry and TTL */
  public static byte[] restamp(byte[] record, long expiresAt, long gcTtl) {
    return stamp(record.clone(), expiresAt, gcTtl);
  }

  private static byte[] stamp(byte[] record, long expiresAt, long gcTtl) {
    record[0] = VERSION;
    Bytes.putLong(record, 1, expiresAt);
    Bytes.putLong(record, 9, gcTtl);
    return record;
  }

  public static long expiresAt(byte[] record) {
    return Bytes.getLong(record, 1);
  }

  public static long gcTtl(byte[] record) {
    return Bytes.getLong(record, 9);
  }

  /** @return the format version a record was written in */
  public static byte version(byte[] record) {
    return record[0];
  }

  /**
   * @throws dev.strata.cache.copy.UndecodableException (from the codec) if the record is of another format
   * @throws dev.strata.cache.copy.RejectedClassException if it names a class that may not be decoded
   */
  public static Object value(Codec codec, byte[] record) {
    return codec.decode(record, HEADER);
  }

  public static boolean isExpired(byte[] record, long now) {
    return expiresAt(record) <= now;
  }
}
