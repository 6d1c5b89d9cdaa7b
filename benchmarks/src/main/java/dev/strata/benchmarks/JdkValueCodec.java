package dev.strata.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;

/**
 * Java serialization, as Strata's codec uses it today for anything but strings and numbers, with
 * an {@link ObjectInputFilter} built from the allow list. A copy is an encode and a decode.
 */
final class JdkValueCodec implements ValueCodec {

  private final ClassLoader classLoader;
  private final ObjectInputFilter filter;

  JdkValueCodec(ClassLoader classLoader, ClassAllowList allowList) {
    this.classLoader = classLoader;
    // the filter also sees array lengths, depth and reference counts (no class): those are left to the JDK's limits
    this.filter = info -> info.serialClass() == null ? ObjectInputFilter.Status.UNDECIDED
        : allowList.allows(info.serialClass().getName()) ? ObjectInputFilter.Status.ALLOWED
        : ObjectInputFilter.Status.REJECTED;
  }

  @Override
  public Object copy(Object value) {
    return decode(encode(value));
  }

  @Override
  public byte[] encode(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException("Java serialization could not encode a " + value.getClass().getName(), e);
    }
    return bytes.toByteArray();
  }

  @Override
  public Object decode(byte[] bytes) {
    try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), classLoader)) {
      in.setObjectInputFilter(filter);
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("Java serialization could not decode " + bytes.length + " bytes", e);
    }
  }

  /** Resolves classes through the cache's class loader. */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader classLoader;

    LoaderObjectInputStream(InputStream in, ClassLoader classLoader) throws IOException {
      super(in);
      this.classLoader = classLoader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws ClassNotFoundException {
      return Class.forName(desc.getName(), false, classLoader);
    }
  }
}
