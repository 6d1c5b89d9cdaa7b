package dev.strata.cache.copy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/**
 * Encodes keys and values into the bytes Strata keeps in L2, and decodes them with the cache's
 * class loader. Strings, integers and longs get a compact tagged form; everything else uses Java
 * serialization. Encoded forms can leave room for a header in front, so that a record is built
 * without a second copy.
 *
 * <p>Thread-safe and stateless apart from the class loader.
 */
public final class Codec {

  private static final byte TAG_SERIALIZED = 0;
  private static final byte TAG_STRING = 1;
  private static final byte TAG_INTEGER = 2;
  private static final byte TAG_LONG = 3;

  private static final Set<Class<?>> IMMUTABLE = Set.of(
      String.class, Integer.class, Long.class, Short.class, Byte.class, Character.class,
      Boolean.class, Double.class, Float.class, BigInteger.class, BigDecimal.class, UUID.class,
      java.time.Instant.class, java.time.Duration.class, java.time.LocalDate.class,
      java.time.LocalDateTime.class, java.time.LocalTime.class, java.time.OffsetDateTime.class,
      java.time.ZonedDateTime.class, java.time.Period.class, java.time.Year.class,
      java.time.YearMonth.class, java.net.URI.class, Class.class);

  private final ClassLoader classLoader;

  public Codec(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /** @return whether instances of the value's class can be shared instead of copied */
  public static boolean isImmutable(Object value) {
    return IMMUTABLE.contains(value.getClass()) || value instanceof Enum<?>;
  }

  /**
   * Encodes an object behind {@code header} zeroed bytes.
   *
   * @throws NotSerializableValueException if the object cannot be serialized
   */
  public byte[] encode(Object value, int header) {
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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + header);
    bytes.write(new byte[header + 1], 0, header + 1); // header + TAG_SERIALIZED
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new NotSerializableValueException(value.getClass(), e);
    }
    return bytes.toByteArray();
  }

  /** Decodes what {@link #encode} wrote, starting at {@code offset}. */
  public Object decode(byte[] data, int offset) {
    switch (data[offset]) {
      case TAG_STRING:
        return new String(data, offset + 1, data.length - offset - 1, StandardCharsets.UTF_8);
      case TAG_INTEGER:
        return Bytes.getInt(data, offset + 1);
      case TAG_LONG:
        return Bytes.getLong(data, offset + 1);
      case TAG_SERIALIZED:
        return deserialize(data, offset + 1);
      default:
        throw new IllegalStateException("Unknown Strata encoding tag " + data[offset]
            + ": the bytes were not written by this version of Strata");
    }
  }

  /** @return a copy of the value made by encoding and decoding it */
  public Object copy(Object value) {
    return isImmutable(value) ? value : decode(encode(value, 0), 0);
  }

  private Object deserialize(byte[] data, int offset) {
    InputStream in = new ByteArrayInputStream(data, offset, data.length - offset);
    try (ObjectInputStream objects = new ClassLoaderObjectInputStream(in, classLoader)) {
      return objects.readObject();
    } catch (ClassNotFoundException e) {
      throw new javax.cache.CacheException("A cached value names class " + e.getMessage()
          + ", which the cache's class loader " + classLoader + " cannot load", e);
    } catch (IOException e) {
      throw new UncheckedIOException("A cached value could not be deserialized", e);
    }
  }

  /** Resolves classes against the cache's class loader first, as JSR-107 requires. */
  private static final class ClassLoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader classLoader;

    ClassLoaderObjectInputStream(InputStream in, ClassLoader classLoader) throws IOException {
      super(in);
      this.classLoader = classLoader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, classLoader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws IOException, ClassNotFoundException {
      Class<?>[] classes = new Class<?>[interfaces.length];
      for (int i = 0; i < interfaces.length; i++) {
        classes[i] = Class.forName(interfaces[i], false, classLoader);
      }
      @SuppressWarnings("deprecation")
      Class<?> proxy = Proxy.getProxyClass(classLoader, classes);
      return proxy;
    }
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
