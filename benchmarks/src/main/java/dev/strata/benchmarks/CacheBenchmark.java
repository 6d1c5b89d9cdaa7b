package dev.strata.benchmarks;

import dev.strata.benchmarks.Values.ValueKind;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every provider, the same workloads over 10,000 keys, each key with its own value of one kind
 * ({@link ValueKind}: a String, byte arrays, a record, a mutable bean, a list of records): gets
 * that hit (uniform and Zipfian), puts, a 90/10 get/put mix, and getAll of 10 keys. Threads come
 * from the command line ({@code -t 1}, {@code -t 2}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=java.se", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.management/sun.management=ALL-UNNAMED",
    "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
    "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=none", "-Xms2g", "-Xmx2g"})
public class CacheBenchmark {

  static final int KEYS = 10_000;
  private static final int SAMPLES = 1 << 16;

  @Param({"strata_l1", "strata_l2", "strata_client", "caffeine", "caffeine_ttl", "caffeine_bounded", "ehcache",
      "hazelcast_member", "hazelcast_client_nearcache", "hazelcast_client_nearcache_object", "chm"})
  String provider;

  @Param({"STRING", "BYTES_100", "BYTES_1K", "RECORD", "POJO", "LIST_OF_RECORDS"})
  ValueKind valueKind;

  @Param({"true", "false"})
  boolean storeByValue;

  /**
   * Strata's bound on staleness when invalidations are lost: how often an L1 entry is re-read
   * from L2. The default is Strata's own, one second.
   */
  @Param({"PT1S"})
  String maxStaleness;

  Subject subject;
  String[] keys;
  Object[] values;
  int[] uniform;
  int[] zipf;
  @SuppressWarnings("unchecked")
  Set<String>[] batches = new Set[SAMPLES / 16];

  @Setup(Level.Trial)
  public void setUp() {
    subject = Subject.create(provider, storeByValue, maxStaleness);
    keys = new String[KEYS];
    values = new Object[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = String.format("key-%05d", i);
      values[i] = valueKind.create(i);
    }
    subject.load(keys, values);
    Random random = new Random(42);
    uniform = new int[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      uniform[i] = random.nextInt(KEYS);
    }
    JDKRandomGenerator generator = new JDKRandomGenerator();
    generator.setSeed(42);
    ZipfDistribution distribution = new ZipfDistribution(generator, KEYS, 1.0);
    zipf = new int[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      zipf[i] = distribution.sample() - 1;
    }
    for (int b = 0; b < batches.length; b++) {
      Set<String> batch = new LinkedHashSet<>();
      while (batch.size() < 10) {
        batch.add(keys[random.nextInt(KEYS)]);
      }
      batches[b] = batch;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    subject.close();
  }

  /** Each thread walks the sample arrays from its own offset. */
  @State(Scope.Thread)
  public static class Cursor {
    int next = new Random().nextInt(SAMPLES);

    int advance() {
      next = (next + 1) & (SAMPLES - 1);
      return next;
    }
  }

  @Benchmark
  public Object get(Cursor cursor) {
    return subject.get(keys[uniform[cursor.advance()]]);
  }

  @Benchmark
  public Object getZipf(Cursor cursor) {
    return subject.get(keys[zipf[cursor.advance()]]);
  }

  @Benchmark
  public void put(Cursor cursor) {
    int key = uniform[cursor.advance()];
    subject.put(keys[key], values[key]);
  }

  @Benchmark
  public Object mix(Cursor cursor) {
    int i = cursor.advance();
    int key = uniform[i];
    if (i % 10 == 0) {
      subject.put(keys[key], values[key]);
      return key;
    }
    return subject.get(keys[key]);
  }

  @Benchmark
  public Map<String, Object> getAll(Cursor cursor) {
    return subject.getAll(batches[cursor.advance() & (batches.length - 1)]);
  }
}
