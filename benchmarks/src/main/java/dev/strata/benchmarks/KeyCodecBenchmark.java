package dev.strata.benchmarks;

import dev.strata.cache.copy.AllowList;
import dev.strata.cache.copy.Codec;
import dev.strata.cache.copy.ImmutableTypes;
import dev.strata.ee.annotation.StrataGeneratedCacheKey;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a key's L2 form costs: Java serialization's stream form, which Strata writes for keys other
 * than strings, integers, longs and byte arrays because its bytes depend on the key alone
 * ({@code serial}), against Fory's form, which Strata wrote for them before and still writes for
 * values ({@code fory}). A key is encoded on every L2 read, write and invalidation of it, and
 * decoded when an invalidation or an iteration names it; an L1 hit encodes nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class KeyCodecBenchmark {

  /** A composite key as applications declare them. */
  public record OrderKey(String tenant, long orderId) implements Serializable {
  }

  /** The kinds of composite keys users have: a record, the key {@code @CacheResult} generates, a list. */
  public enum KeyKind {
    RECORD, ANNOTATION_KEY, LIST
  }

  @Param({"serial", "fory"})
  String form;

  @Param({"RECORD", "ANNOTATION_KEY", "LIST"})
  KeyKind kind;

  Codec codec;
  Object key;
  byte[] encoded;

  @Setup
  public void setUp() {
    codec = new Codec(KeyCodecBenchmark.class.getClassLoader(),
        new AllowList(Set.of(), Set.of("dev.strata.benchmarks.")), new ImmutableTypes(Set.of()));
    key = switch (kind) {
      case RECORD -> new OrderKey("acme", 42L);
      case ANNOTATION_KEY -> new StrataGeneratedCacheKey(new Object[] {"acme", 42L});
      case LIST -> List.of("acme", 42L);
    };
    encoded = encode();
  }

  @Benchmark
  public byte[] encode() {
    return form.equals("serial") ? codec.encodeKey(key, true) : codec.encode(key, 0);
  }

  @Benchmark
  public Object decode() {
    return codec.decode(encoded, 0);
  }
}
