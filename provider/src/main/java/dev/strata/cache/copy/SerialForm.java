package dev.strata.cache.copy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Keys in Java serialization's stream form, which the Java Object Serialization Specification
 * fixes: the bytes are a function of the key's value and its classes, never of what the JVM
 * encoded or decoded before, so one logical key is one L2 key from every JVM. Fory's form is not:
 * for a class with serialization hooks it follows the class description a JVM met first, read or
 * written (see {@code KeyIdentityTest}).
 *
 * <p>Every class written passes the allow-list (so what one JVM writes every JVM can read), and
 * every class named in bytes read passes it before it is loaded: a refused class is never
 * instantiated. Stateless and thread-safe.
 */
final class SerialForm {

  /** Deeper than any key; a stream nested deeper is an attack on the stack, not a key. */
  private static final long MAX_DEPTH = 64;
  /** More objects than any key holds. */
  private static final long MAX_REFERENCES = 100_000;

  private final ClassLoader classLoader;
  private final AllowList allowList;

  SerialForm(ClassLoader classLoader, AllowList allowList) {
    this.classLoader = classLoader;
    this.allowList = allowList;
  }

  /**
   * Writes {@code key} after {@code tag}.
   *
   * @throws NotSerializableValueException if it holds an object that is not serializable
   * @throws RejectedClassException if it holds a class the allow-list refuses
   */
  byte[] write(byte tag, Object key) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    bytes.write(tag);
    try (ObjectOutputStream out = new CheckedOutput(bytes)) {
      out.writeObject(key);
    } catch (IOException e) {
      throw new NotSerializableValueException(key.getClass(), e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads what {@link #write} wrote, from {@code offset} (after the tag).
   *
   * @throws RejectedClassException if the bytes name a class the allow-list refuses; nothing of it was instantiated
   * @throws UndecodableException if the bytes are damaged or name a class this JVM does not have
   */
  Object read(byte[] data, int offset) {
    LoaderInput in = null;
    try {
      in = new LoaderInput(new ByteArrayInputStream(data, offset, data.length - offset));
      return in.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      if (in != null && in.refused != null) {
        throw new RejectedClassException(in.refused);
      }
      throw new UndecodableException("Java serialization could not read it: " + e, e);
    }
  }

  /** Checks every class it describes against the allow-list, so a key no JVM could read is never written. */
  private final class CheckedOutput extends ObjectOutputStream {
    CheckedOutput(ByteArrayOutputStream out) throws IOException {
      super(out);
    }

    @Override
    protected void annotateClass(Class<?> type) {
      if (!allowList.allows(type.getName())) {
        throw new RejectedClassException(type.getName());
      }
    }

    @Override
    protected void annotateProxyClass(Class<?> type) {
      throw new RejectedClassException(type.getName());
    }
  }

  /**
   * Loads classes through the cache manager's class loader, each only once the allow-list has
   * allowed its name; limits depth and references with a filter. Remembers the first class it
   * refused, for the message.
   */
  private final class LoaderInput extends ObjectInputStream implements ObjectInputFilter {
    private String refused;

    LoaderInput(ByteArrayInputStream in) throws IOException {
      super(in);
      setObjectInputFilter(this);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      if (!allowList.allows(desc.getName())) {
        refused = desc.getName();
        throw new InvalidClassException(desc.getName(), "not on Strata's serialization allow-list");
      }
      try {
        return Class.forName(desc.getName(), false, classLoader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws InvalidClassException {
      refused = "java.lang.reflect.Proxy";
      throw new InvalidClassException(refused, "proxies are never decoded");
    }

    @Override
    public Status checkInput(FilterInfo info) {
      if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES) {
        return Status.REJECTED;
      }
      return Status.UNDECIDED;
    }
  }
}
