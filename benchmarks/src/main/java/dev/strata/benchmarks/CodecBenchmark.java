package dev.strata.benchmarks;

import dev.strata.benchmarks.Values.ValueKind;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The candidates for copying and encoding values that are not immutable (Java serialization,
 * Apache Fory, Kryo), each configured as Strata would run it (see {@link ValueCodec}), on every
 * kind of value: a deep copy in memory (what an L1 hit of a mutable value pays), encode and decode
 * back (what a put and an L2 read pay together), and decode alone (an L2 read). Encoded sizes, the
 * first-use cost and the checks are {@link CodecFacts}'s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class CodecBenchmark {

  @Param({"jdk", "fory", "kryo"})
  String codec;

  @Param({"STRING", "BYTES_100", "BYTES_1K", "RECORD", "POJO", "LIST_OF_RECORDS"})
  ValueKind kind;

  ValueCodec subject;
  Object value;
  byte[] encoded;

  @Setup(Level.Trial)
  public void setUp() {
    subject = ValueCodec.create(codec, CodecBenchmark.class.getClassLoader(), ClassAllowList.BENCHMARK);
    CodecFacts.verify(subject);
    value = kind.create(42);
    encoded = subject.encode(value);
  }

  @Benchmark
  public Object copy() {
    return subject.copy(value);
  }

  @Benchmark
  public Object roundTrip() {
    return subject.decode(subject.encode(value));
  }

  @Benchmark
  public Object decode() {
    return subject.decode(encoded);
  }
}
