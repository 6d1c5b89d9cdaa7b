package dev.strata.benchmarks;

import dev.strata.benchmarks.Values.MutableProduct;
import dev.strata.benchmarks.Values.ValueKind;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the codec benchmark does not time: that each codec does what Strata needs (a copy of a
 * mutable value is deep, cycles survive, Java serialization's hooks run, values come back equal),
 * the encoded size of each kind of value, and the cost of the first use in a fresh JVM (Fory
 * generates and compiles a serializer per class on first use). {@link #verify} runs in the
 * benchmark's setup too, so a misconfigured codec fails the benchmark instead of being timed.
 *
 * <p>Arguments: codec ({@code jdk}, {@code fory} or {@code kryo}), output CSV (appended, optional),
 * one line per kind: codec, kind, encoded bytes, first copy in µs, first round trip in µs.
 */
public final class CodecFacts {

  private CodecFacts() {
  }

  public static void main(String[] args) throws IOException {
    String name = args[0];
    long start = System.nanoTime();
    ValueCodec codec = ValueCodec.create(name, CodecFacts.class.getClassLoader(), ClassAllowList.BENCHMARK);
    long built = System.nanoTime();
    StringBuilder lines = new StringBuilder();
    for (ValueKind kind : ValueKind.values()) {
      Object value = kind.create(1);
      long before = System.nanoTime();
      codec.copy(value);
      long copied = System.nanoTime();
      int size = codec.encode(value).length;
      codec.decode(codec.encode(value));
      long roundTripped = System.nanoTime();
      lines.append(String.join(",", name, kind.name(), Integer.toString(size),
          Long.toString((copied - before) / 1_000), Long.toString((roundTripped - copied) / 1_000))).append('\n');
    }
    verify(codec);
    System.out.printf("%s: built in %d µs%n%s", name, (built - start) / 1_000, lines);
    if (args.length > 1) {
      Files.writeString(Path.of(args[1]), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }

  /** @throws IllegalStateException naming the first property the codec does not have */
  static void verify(ValueCodec codec) {
    for (ValueKind kind : ValueKind.values()) {
      Object value = kind.create(7);
      require(sameContents(value, codec.copy(value)), kind + ": the copy differs from the original");
      require(sameContents(value, codec.decode(codec.encode(value))), kind + ": decode(encode(v)) differs from v");
    }
    MutableProduct original = (MutableProduct) ValueKind.POJO.create(7);
    MutableProduct copy = (MutableProduct) codec.copy(original);
    require(copy != original && copy.getWarehouses() != original.getWarehouses(), "POJO: the copy shares state");
    copy.getWarehouses()[0]++;
    require(original.equals(ValueKind.POJO.create(7)), "POJO: changing the copy's int[] changed the original");

    Node ring = new Node("a", new Node("b", null));
    ring.next.next = ring;
    Node decoded = (Node) codec.decode(codec.encode(ring));
    require(decoded.next.next == decoded && "b".equals(decoded.next.name), "a cycle did not survive encode/decode");
    Node copied = (Node) codec.copy(ring);
    require(copied != ring && copied.next.next == copied, "a cycle did not survive copy");

    Hooked hooked = new Hooked("hooks");
    require(((Hooked) codec.decode(codec.encode(hooked))).length == 5, "readObject did not run on decode");
    require(((Hooked) codec.copy(hooked)).length == 5, "readObject did not run on copy");
  }

  private static boolean sameContents(Object a, Object b) {
    return a instanceof byte[] bytes ? b instanceof byte[] other && Arrays.equals(bytes, other) : Objects.equals(a, b);
  }

  private static void require(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalStateException("Codec check failed: " + failure);
    }
  }

  /** One link of a cycle. */
  static final class Node implements Serializable {
    private static final long serialVersionUID = 1L;
    final String name;
    Node next;

    Node(String name, Node next) {
      this.name = name;
      this.next = next;
    }
  }

  /** A class whose state is rebuilt by Java serialization's {@code readObject} hook. */
  static final class Hooked implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String text;
    private transient int length;

    Hooked(String text) {
      this.text = text;
      this.length = text.length();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      length = text.length();
    }
  }
}
