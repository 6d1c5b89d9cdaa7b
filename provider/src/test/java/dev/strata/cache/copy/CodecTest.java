package dev.strata.cache.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.gadget.Gadget;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The L2 codec keeps Java serialization's contract for {@code Serializable} values: the hooks run,
 * shared references and cycles survive, and a class may gain or lose fields between writer and
 * reader. It decodes only allowed classes.
 */
class CodecTest {

  private final Codec codec = codec(CodecTest.class.getClassLoader(), Set.of(CodecTest.class.getPackageName() + "."));

  private static Codec codec(ClassLoader loader, Set<String> packages) {
    return new Codec(loader, new AllowList(Set.of(), packages), new ImmutableTypes(Set.of()));
  }

  private Object roundTrip(Object value) {
    return codec.decode(codec.encode(value, 3), 3);
  }

  /** Keeps a derived field out of the stream and rebuilds it on read. */
  static final class Hooked implements Serializable {
    int value;
    transient int derived;

    private void writeObject(ObjectOutputStream out) throws IOException {
      out.defaultWriteObject();
      out.writeInt(value * 10);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      derived = in.readInt();
    }
  }

  /** One instance per JVM, kept so by {@code readResolve}. */
  static final class Singleton implements Serializable {
    static final Singleton INSTANCE = new Singleton();

    private Object readResolve() {
      return INSTANCE;
    }
  }

  /** Travels as a proxy, by {@code writeReplace}. */
  static final class Replaced implements Serializable {
    final int value;

    Replaced(int value) {
      this.value = value;
    }

    private Object writeReplace() {
      return new Proxy(value);
    }
  }

  static final class Proxy implements Serializable {
    final int value;

    Proxy(int value) {
      this.value = value;
    }

    private Object readResolve() {
      return new Replaced(value + 1);
    }
  }

  static final class Link implements Serializable {
    Link next;
    List<Object> shared;
  }

  @Test
  void decode_classWithWriteObjectAndReadObject_runsBothHooks() {
    Hooked hooked = new Hooked();
    hooked.value = 4;
    Hooked back = (Hooked) roundTrip(hooked);
    assertThat(back.value).isEqualTo(4);
    assertThat(back.derived).isEqualTo(40);
  }

  @Test
  void decode_classWithReadResolve_returnsTheResolvedInstance() {
    assertThat(roundTrip(Singleton.INSTANCE)).isSameAs(Singleton.INSTANCE);
  }

  @Test
  void decode_classWithWriteReplace_travelsAsItsReplacement() {
    Replaced back = (Replaced) roundTrip(new Replaced(7));
    assertThat(back.value).as("written as a Proxy(7), read back through its readResolve").isEqualTo(8);
  }

  @Test
  void decode_cycleAndSharedReferences_keepsTheirShape() {
    Link a = new Link();
    Link b = new Link();
    a.next = b;
    b.next = a;
    a.shared = new ArrayList<>(List.of("x"));
    b.shared = a.shared;
    Link back = (Link) roundTrip(a);
    assertThat(back.next.next).isSameAs(back);
    assertThat(back.next.shared).isSameAs(back.shared).containsExactly("x");
    assertThat(back).isNotSameAs(a);
  }

  @Test
  void decode_compactForms_roundTrip() {
    assertThat(roundTrip("text")).isEqualTo("text");
    assertThat(roundTrip(42)).isEqualTo(42);
    assertThat(roundTrip(42L)).isEqualTo(42L);
    byte[] bytes = {1, 2, 3};
    assertThat((byte[]) roundTrip(bytes)).isEqualTo(bytes).isNotSameAs(bytes);
  }

  @Test
  void decode_classThatGainedAndLostFields_readsTheFieldsBothVersionsHave(@TempDir Path dir) throws Exception {
    ClassLoader v1 = compile(dir.resolve("v1"), "package evo; public class Customer implements java.io.Serializable {"
        + " public String name = \"Ada\"; public int visits = 3; public String nickname = \"A\"; }");
    ClassLoader v2 = compile(dir.resolve("v2"), "package evo; public class Customer implements java.io.Serializable {"
        + " public String name; public int visits; public java.util.List<String> tags; }");
    Object written = v1.loadClass("evo.Customer").getConstructor().newInstance();

    byte[] bytes = codec(v1, Set.of("evo.")).encode(written, 0);
    Object read = codec(v2, Set.of("evo.")).decode(bytes, 0);

    assertThat(read.getClass().getClassLoader()).isSameAs(v2);
    assertThat(field(read, "name")).isEqualTo("Ada");
    assertThat(field(read, "visits")).isEqualTo(3);
    assertThat(field(read, "tags")).as("a field the writer did not have").isNull();
  }

  @Test
  void decode_classNotAllowed_isRejectedBeforeItsReadObjectRuns() {
    Codec writer = codec(CodecTest.class.getClassLoader(), Set.of("dev.strata.gadget."));
    byte[] bytes = writer.encode(new Gadget(), 0);
    Codec reader = codec(CodecTest.class.getClassLoader(), Set.of());
    Gadget.READS.set(0);

    assertThatThrownBy(() -> reader.decode(bytes, 0))
        .isInstanceOf(RejectedClassException.class)
        .satisfies(e -> assertThat(((RejectedClassException) e).className()).isEqualTo(Gadget.class.getName()));
    assertThat(Gadget.READS).hasValue(0);
  }

  @Test
  void encode_valueHoldingAClassNotAllowed_isRejected() {
    Codec strict = codec(CodecTest.class.getClassLoader(), Set.of());
    ArrayList<Object> list = new ArrayList<>(List.of("fine", new Gadget()));
    assertThatThrownBy(() -> strict.encode(list, 0)).isInstanceOf(RejectedClassException.class);
  }

  @Test
  void allows_jdkExceptionsForExceptionCaches_butNotOtherJdkClasses() {
    AllowList allowList = new AllowList(Set.of(), Set.of());
    assertThat(allowList.allows("java.lang.NumberFormatException")).isTrue();
    assertThat(allowList.allows("java.lang.StackTraceElement")).isTrue();
    assertThat(allowList.allows("java.util.PriorityQueue")).isFalse();
    assertThat(allowList.allows("javax.management.BadAttributeValueExpException")).isFalse();
    assertThat(allowList.allows("[Ljava.lang.String;")).isTrue();
    assertThat(allowList.allows("[Ljava.util.PriorityQueue;")).isFalse();
  }

  /**
   * Liberty's authentication cache stores an {@code io.openliberty.jcache.CacheObject}: Strata's
   * Liberty library must decode it without an operator's {@code strata.serialization.allow}, and
   * only that class of Liberty's package. The stand-in has the real class's fields and constructor (public here, for the test to read).
   */
  @Test
  void decode_libertyCacheObject_isAllowedByDefault_butNotItsNeighbours(@TempDir Path dir) throws Exception {
    ClassLoader liberty = compile(dir, AllowList.LIBERTY_CACHE_OBJECT, "package io.openliberty.jcache; public class CacheObject implements java.io.Serializable {"
        + " public byte[] objectBytes; public transient Object object;"
        + " public CacheObject(Object object, byte[] objectBytes) { this.object = object; this.objectBytes = objectBytes; } }");
    Object envelope = liberty.loadClass(AllowList.LIBERTY_CACHE_OBJECT).getConstructor(Object.class, byte[].class)
        .newInstance("the subject", new byte[] {1, 2, 3});
    Codec defaults = codec(liberty, Set.of());

    Object read = defaults.decode(defaults.encode(envelope, 0), 0);

    assertThat(read.getClass()).isSameAs(envelope.getClass());
    assertThat(field(read, "objectBytes")).isEqualTo(new byte[] {1, 2, 3});
    assertThat(field(read, "object")).as("transient: Liberty deserializes the bytes itself").isNull();
    assertThat(new AllowList(Set.of(), Set.of()).allows("io.openliberty.jcache.CacheObjectSubclass")).isFalse();
    assertThat(new AllowList(Set.of(), Set.of()).allows("io.openliberty.jcache.internal.CacheProxy")).isFalse();
  }

  @Test
  void encode_notSerializable_isRefused() {
    assertThatThrownBy(() -> codec.encode(new Object(), 0)).isInstanceOf(NotSerializableValueException.class)
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void decode_firstFormatOrUnknownTag_isReportedNotGuessed() {
    assertThatThrownBy(() -> codec.decode(new byte[] {0, (byte) 0xAC, (byte) 0xED}, 0))
        .isInstanceOf(UndecodableException.class).hasMessageContaining("Java serialization");
    assertThatThrownBy(() -> codec.decode(new byte[] {99}, 0))
        .isInstanceOf(UndecodableException.class).hasMessageContaining("tag 99");
  }

  @Test
  void copy_mutableValue_isADistinctEqualCopy_andSharedValueIsItself() {
    Link link = new Link();
    link.shared = new ArrayList<>(List.of("x"));
    Link copy = (Link) codec.copy(link);
    assertThat(copy).isNotSameAs(link);
    assertThat(copy.shared).isNotSameAs(link.shared).isEqualTo(link.shared);
    String text = "immutable";
    assertThat(codec.copy(text)).isSameAs(text);
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    Field field = target.getClass().getField(name);
    return field.get(target);
  }

  private static ClassLoader compile(Path dir, String source) throws IOException {
    return compile(dir, "evo.Customer", source);
  }

  private static ClassLoader compile(Path dir, String className, String source) throws IOException {
    Path file = dir.resolve(className.replace('.', '/') + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status = compiler.run(null, null, null, "-d", dir.toString(), file.toString());
    assertThat(status).as("javac of " + file).isZero();
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, CodecTest.class.getClassLoader());
  }
}
