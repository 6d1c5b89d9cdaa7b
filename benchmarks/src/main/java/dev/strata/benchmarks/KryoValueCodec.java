package dev.strata.benchmarks;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.kryo.util.Pool;
import java.io.Externalizable;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Kryo 5: no registration (class names written), references tracked, {@code CompatibleFieldSerializer}
 * for classes without a serializer of their own, and Java serialization for classes that declare its
 * hooks ({@code writeObject}, {@code readObject}, {@code writeReplace}, {@code readResolve}) or are
 * {@link Externalizable}, because Kryo's field serializers skip them. Class names are checked against
 * the allow list before a class is loaded. Kryo instances and output buffers come from pools.
 */
final class KryoValueCodec implements ValueCodec {

  private final Pool<Kryo> kryos;
  private final Pool<Output> outputs;

  KryoValueCodec(ClassLoader classLoader, ClassAllowList allowList) {
    JdkValueCodec java = new JdkValueCodec(classLoader, allowList);
    this.kryos = new Pool<>(true, false, 16) {
      @Override
      protected Kryo create() {
        Kryo kryo = new Kryo(new CheckingClassResolver(allowList), new MapReferenceResolver());
        kryo.setRegistrationRequired(false);
        kryo.setWarnUnregisteredClasses(false);
        kryo.setReferences(true);
        kryo.setCopyReferences(true);
        kryo.setClassLoader(classLoader);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        kryo.setDefaultSerializer(new HookAwareSerializerFactory(java));
        return kryo;
      }
    };
    this.outputs = new Pool<>(true, false, 16) {
      @Override
      protected Output create() {
        return new Output(1024, -1);
      }
    };
  }

  @Override
  public Object copy(Object value) {
    Kryo kryo = kryos.obtain();
    try {
      return kryo.copy(value);
    } finally {
      kryos.free(kryo);
    }
  }

  @Override
  public byte[] encode(Object value) {
    Kryo kryo = kryos.obtain();
    Output output = outputs.obtain();
    try {
      output.reset();
      kryo.writeClassAndObject(output, value);
      return output.toBytes();
    } finally {
      outputs.free(output);
      kryos.free(kryo);
    }
  }

  @Override
  public Object decode(byte[] bytes) {
    Kryo kryo = kryos.obtain();
    try {
      return kryo.readClassAndObject(new Input(bytes));
    } finally {
      kryos.free(kryo);
    }
  }

  /** Refuses a class name that is not on the allow list before the class is loaded. */
  private static final class CheckingClassResolver extends DefaultClassResolver {
    private final ClassAllowList allowList;

    CheckingClassResolver(ClassAllowList allowList) {
      this.allowList = allowList;
    }

    @Override
    protected Class<?> getTypeByName(String className) {
      if (!allowList.allows(className)) {
        throw new KryoException("Class " + className + " is not on the allow list: add it, or its package, to decode it");
      }
      return super.getTypeByName(className);
    }
  }

  /** Java serialization for classes with its hooks, field-by-name serialization for the rest. */
  private static final class HookAwareSerializerFactory implements SerializerFactory<Serializer<?>> {
    private final SerializerFactory.CompatibleFieldSerializerFactory fields =
        new SerializerFactory.CompatibleFieldSerializerFactory();
    private final JdkValueCodec java;

    HookAwareSerializerFactory(JdkValueCodec java) {
      this.java = java;
    }

    @Override
    public Serializer<?> newSerializer(Kryo kryo, Class type) {
      return declaresSerializationHooks(type) ? new HookedSerializer(java) : fields.newSerializer(kryo, type);
    }

    @Override
    public boolean isSupported(Class type) {
      return true;
    }

    private static boolean declaresSerializationHooks(Class<?> type) {
      if (Externalizable.class.isAssignableFrom(type)) {
        return true;
      }
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        if (declares(c, "writeObject", ObjectOutputStream.class) || declares(c, "readObject", ObjectInputStream.class)
            || declares(c, "writeReplace") || declares(c, "readResolve")) {
          return true;
        }
      }
      return false;
    }

    private static boolean declares(Class<?> type, String method, Class<?>... parameters) {
      try {
        type.getDeclaredMethod(method, parameters);
        return true;
      } catch (NoSuchMethodException e) {
        return false;
      }
    }
  }

  /** Kryo's {@code JavaSerializer} cannot copy: a copy goes through Java serialization and back. */
  private static final class HookedSerializer extends JavaSerializer {
    private final JdkValueCodec java;

    HookedSerializer(JdkValueCodec java) {
      this.java = java;
    }

    @Override
    public Object copy(Kryo kryo, Object original) {
      return java.copy(original);
    }
  }
}
