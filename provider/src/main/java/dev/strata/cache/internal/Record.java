package dev.strata.cache.internal;

import dev.strata.cache.copy.Codec;
import dev.strata.cache.copy.Codec.Bytes;

/**
 * The layout of a value in L2: a version byte; the JSR-107 expiry instant (epoch ms,
 * {@link Long#MAX_VALUE} when eternal); the Hazelcast time-to-live the record was written with
 * (ms, 0 when none); the wall-clock instant it was written (epoch ms) and the writer's origin, an
 * id of the cache object that wrote it; then the encoded value.
 *
 * <p>Expiry is kept in the record, not left to Hazelcast, because Hazelcast expires entries with
 * second granularity and JSR-107 needs millisecond precision evaluated in the calling JVM; the
 * Hazelcast TTL only collects entries that nobody reads after they expire. The write instant and
 * origin travel with the entry events that invalidate other JVMs' L1s: a JVM measures the
 * invalidation lag from the first, and knows its own writes by the second. Records are compared
 * byte for byte by Hazelcast's {@code replace(k, old, new)} and {@code remove(k, old)}.
 * Static helpers only.
 */
public final class Record {

  /** Bytes in front of the encoded value. */
  public static final int HEADER = 33;
  /**
   * The L2 format: 1 was Java serialization behind a 17-byte header; 2 is the tagged form of
   * {@link Codec} (Apache Fory) behind this header.
   */
  public static final byte VERSION = 2;

  private Record() {
  }

  /**
   * Encodes {@code value} into a new record written now by {@code origin}; see
   * {@link Codec#encode(Object, int, boolean)} for {@code requireSerializable}.
   */
  public static byte[] of(Codec codec, Object value, boolean requireSerializable, long expiresAt, long gcTtl,
                          long writtenAt, long origin) {
    byte[] record = codec.encode(value, HEADER, requireSerializable);
    return stamp(record, expiresAt, gcTtl, writtenAt, origin);
  }

  /** @return a copy of {@code record} with another expiry and TTL, written now by {@code origin} */
  public static byte[] restamp(byte[] record, long expiresAt, long gcTtl, long writtenAt, long origin) {
    return stamp(record.clone(), expiresAt, gcTtl, writtenAt, origin);
  }

  private static byte[] stamp(byte[] record, long expiresAt, long gcTtl, long writtenAt, long origin) {
    record[0] = VERSION;
    Bytes.putLong(record, 1, expiresAt);
    Bytes.putLong(record, 9, gcTtl);
    Bytes.putLong(record, 17, writtenAt);
    Bytes.putLong(record, 25, origin);
    return record;
  }

  public static long expiresAt(byte[] record) {
    return Bytes.getLong(record, 1);
  }

  public static long gcTtl(byte[] record) {
    return Bytes.getLong(record, 9);
  }

  /** @return when the record was written (epoch ms, the writer's clock), or 0 for a record of another format */
  public static long writtenAt(byte[] record) {
    return isCurrent(record) ? Bytes.getLong(record, 17) : 0;
  }

  /** @return the id of the cache object that wrote the record, or 0 for a record of another format */
  public static long origin(byte[] record) {
    return isCurrent(record) ? Bytes.getLong(record, 25) : 0;
  }

  /** @return the format version a record was written in */
  public static byte version(byte[] record) {
    return record[0];
  }

  private static boolean isCurrent(byte[] record) {
    return record.length >= HEADER && record[0] == VERSION;
  }

  /**
   * @throws dev.strata.cache.copy.UndecodableException (from the codec) if the record is of another format
   * @throws dev.strata.cache.copy.RejectedClassException if it names a class that may not be decoded
   */
  public static Object value(Codec codec, byte[] record) {
    return codec.decode(record, HEADER);
  }
}
