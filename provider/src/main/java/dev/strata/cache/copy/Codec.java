package dev.strata.cache.copy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.ForyBuilder;
import org.apache.fory.config.Language;
import org.apache.fory.exception.InsecureException;
import org.apache.fory.logging.LogLevel;
import org.apache.fory.logging.LoggerFactory;
import org.apache.fory.memory.MemoryBuffer;

/**
 * Encodes keys and values into the bytes Strata keeps in L2, and decodes them with the cache
 * manager's class loader. Strings, integers, longs and byte arrays get a compact tagged form;
 * everything else is written by Apache Fory (chosen with the measurements in
 * {@code docs/codecs.md}), which keeps Java serialization's contract: {@code writeObject},
 * {@code readObject}, {@code writeReplace} and {@code readResolve} run, shared references and cycles
 * survive, and fields may be added or removed between the writer's and the reader's class.
 *
 * <p>Every class named in the bytes passes the {@link AllowList} before it is instantiated, and a
 * value holding a class that is not allowed is refused when it is encoded, so what one JVM writes
 * every JVM of the application can read. Encoded forms can leave room for a header in front, so a
 * record is built without a second copy. The first byte after the header is the encoding tag; a
 * tag this version does not know (bytes of another Strata format) is reported, never guessed at.
 *
 * <p>Keys are encoded by {@link #encodeKey}, whose bytes depend on the key alone: L2 finds an entry
 * by the bytes of its key, so one logical key must have one form in every JVM.
 *
 * <p>Thread-safe: Fory instances are pooled, one per concurrent caller.
 */
public final class Codec {

  /** The tag of Strata's first format, Java serialization; read no more. */
  private static final byte TAG_JAVA_SERIALIZATION = 0;
  private static final byte TAG_STRING = 1;
  private static final byte TAG_INTEGER = 2;
  private static final byte TAG_LONG = 3;
  private static final byte TAG_BYTES = 4;
  private static final byte TAG_FORY = 5;
  /** Keys (other than the four tagged kinds) in Java serialization's stream form: see {@link #encodeKey}. */
  private static final byte TAG_SERIAL_KEY = 6;

  static {
    // Fory warns about every class with JDK serialization hooks; Strata supports them on purpose
    LoggerFactory.setLogLevel(LogLevel.ERROR_LEVEL);
  }

  private final AllowList allowList;
  private final ImmutableTypes immutableTypes;
  private final ThreadSafeFory fory;
  private final SerialForm serialForm;

  public Codec(ClassLoader classLoader, AllowList allowList, ImmutableTypes immutableTypes) {
    this.allowList = allowList.seenFrom(classLoader);
    this.serialForm = new SerialForm(classLoader, this.allowList);
    this.immutableTypes = immutableTypes;
    this.fory = new ForyBuilder()
        .withLanguage(Language.JAVA)
        .withRefTracking(true)
        .withCompatibleMode(CompatibleMode.COMPATIBLE)
        .requireClassRegistration(false)
        .suppressClassRegistrationWarnings(true)
        .withClassLoader(classLoader)
        .withTypeChecker((resolver, className) -> check(className))
        .buildThreadSafeForyPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
  }

  /** @return the allow-list this codec checks */
  public AllowList allowList() {
    return allowList;
  }

  /** @return how this codec's values may be shared */
  public ImmutableTypes immutableTypes() {
    return immutableTypes;
  }

  private boolean check(String className) {
    if (!allowList.allows(className)) {
      throw new RejectedClassException(className);
    }
    return true;
  }

  /**
   * Encodes an object behind {@code header} zeroed bytes.
   *
   * @throws NotSerializableValueException if the object is not {@link Serializable}
   * @throws RejectedClassException if the object holds a class that is not allowed
   */
  public byte[] encode(Object value, int header) {
    return encode(value, header, true);
  }

  /**
   * Encodes an object behind {@code header} zeroed bytes. Without {@code requireSerializable}, an
   * object that is not {@link Serializable} is encoded by its fields all the same (transient ones
   * left out), as store-by-reference caches, whose keys and values JSR-107 does not require to be
   * serializable, need.
   *
   * @throws NotSerializableValueException if the object is not {@link Serializable} and that is required, or cannot be encoded
   * @throws RejectedClassException if the object holds a class that is not allowed
   */
  public byte[] encode(Object value, int header, boolean requireSerializable) {
    if (value instanceof String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[header + 1 + utf8.length];
      out[header] = TAG_STRING;
      System.arraycopy(utf8, 0, out, header + 1, utf8.length);
      return out;
    }
    if (value instanceof Integer i) {
      byte[] out = new byte[header + 5];
      out[header] = TAG_INTEGER;
      Bytes.putInt(out, header + 1, i);
      return out;
    }
    if (value instanceof Long l) {
      byte[] out = new byte[header + 9];
      out[header] = TAG_LONG;
      Bytes.putLong(out, header + 1, l);
      return out;
    }
    if (value instanceof byte[] bytes) {
      byte[] out = new byte[header + 1 + bytes.length];
      out[header] = TAG_BYTES;
      System.arraycopy(bytes, 0, out, header + 1, bytes.length);
      return out;
    }
    if (requireSerializable && !(value instanceof Serializable)) {
      throw new NotSerializableValueException(value.getClass(), null);
    }
    return fory.execute(f -> write(f, value, header));
  }

  /**
   * Encodes a key into the bytes L2 finds its entry by: the same for one logical key in every JVM,
   * whatever that JVM encoded or decoded before. Strings, integers, longs and byte arrays keep their
   * tagged forms; other serializable keys are written in Java serialization's stream form, which
   * its specification fixes (Fory's form of a class with serialization hooks follows the class
   * description a JVM met first, read or written, so two JVMs could write one key two ways). A key
   * that is not {@link Serializable}, which only store-by-reference caches accept, is written by
   * its fields through Fory.
   *
   * @throws NotSerializableValueException if the key is not {@link Serializable} and that is required, or cannot be encoded
   * @throws RejectedClassException if the key holds a class that is not allowed
   */
  public byte[] encodeKey(Object key, boolean requireSerializable) {
    if (key instanceof String || key instanceof Integer || key instanceof Long || key instanceof byte[]) {
      return encode(key, 0);
    }
    if (key instanceof Serializable) {
      return serialForm.write(TAG_SERIAL_KEY, key);
    }
    return encode(key, 0, requireSerializable);
  }

  private static byte[] write(Fory fory, Object value, int header) {
    MemoryBuffer buffer = MemoryBuffer.newHeapBuffer(header + 64);
    buffer.writerIndex(header);
    buffer.writeByte(TAG_FORY);
    try {
      fory.serialize(buffer, value);
    } catch (InsecureException e) {
      throw new RejectedClassException(className(e));
    } catch (RejectedClassException e) {
      throw e;
    } catch (RuntimeException e) {
      throw rejected(e, value);
    }
    return buffer.getBytes(0, buffer.writerIndex());
  }

  private static RuntimeException rejected(RuntimeException e, Object value) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof RejectedClassException rejected) {
        return rejected;
      }
    }
    return new NotSerializableValueException(value.getClass(), e);
  }

  /**
   * Decodes what {@link #encode} wrote, starting at {@code offset}.
   *
   * @throws RejectedClassException if the bytes name a class that is not allowed; nothing of it was instantiated
   * @throws UndecodableException if the bytes are not in this version's format or are damaged
   */
  public Object decode(byte[] data, int offset) {
    if (offset >= data.length) {
      throw new UndecodableException("the entry is empty");
    }
    switch (data[offset]) {
      case TAG_STRING:
        return new String(data, offset + 1, data.length - offset - 1, StandardCharsets.UTF_8);
      case TAG_INTEGER:
        return Bytes.getInt(data, offset + 1);
      case TAG_LONG:
        return Bytes.getLong(data, offset + 1);
      case TAG_BYTES:
        byte[] bytes = new byte[data.length - offset - 1];
        System.arraycopy(data, offset + 1, bytes, 0, bytes.length);
        return bytes;
      case TAG_FORY:
        return fory.execute(f -> read(f, data, offset + 1));
      case TAG_SERIAL_KEY:
        return serialForm.read(data, offset + 1);
      case TAG_JAVA_SERIALIZATION:
        throw new UndecodableException("it is in the Java serialization form of Strata's first L2 format, "
            + "which this version does not read");
      default:
        throw new UndecodableException("its encoding tag " + data[offset] + " is not one this version of Strata writes");
    }
  }

  private static Object read(Fory fory, byte[] data, int offset) {
    try {
      return fory.deserialize(MemoryBuffer.fromByteArray(data, offset, data.length - offset));
    } catch (InsecureException e) {
      throw new RejectedClassException(className(e));
    } catch (RejectedClassException e) {
      throw e;
    } catch (RuntimeException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof RejectedClassException rejected) {
          throw rejected;
        }
      }
      throw new UndecodableException("Fory could not read it: " + e, e);
    }
  }

  /** @return the class Fory's own deny-list refused, as its message names it */
  private static String className(InsecureException e) {
    String message = String.valueOf(e.getMessage());
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("[Cc]lass ([\\w.$\\[\\];]+)").matcher(message);
    return matcher.find() ? matcher.group(1) : message;
  }

  /**
   * @return {@code value} itself if it can be shared, else a copy made by encoding and decoding it
   */
  public Object copy(Object value) {
    return immutableTypes.isShareable(value) ? value : decode(encode(value, 0), 0);
  }

  /** Big-endian reads and writes of fixed-size numbers. */
  public static final class Bytes {
    private Bytes() {
    }

    public static void putLong(byte[] b, int at, long v) {
      for (int i = 7; i >= 0; i--) {
        b[at + i] = (byte) v;
        v >>>= 8;
      }
    }

    public static long getLong(byte[] b, int at) {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (b[at + i] & 0xFF);
      }
      return v;
    }

    static void putInt(byte[] b, int at, int v) {
      for (int i = 3; i >= 0; i--) {
        b[at + i] = (byte) v;
        v >>>= 8;
      }
    }

    static int getInt(byte[] b, int at) {
      int v = 0;
      for (int i = 0; i < 4; i++) {
        v = (v << 8) | (b[at + i] & 0xFF);
      }
      return v;
    }
  }
}
