package dev.strata.benchmarks;

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
 * Every provider, the same workloads, the same String values over 10,000 keys: gets that hit
 * (uniform and Zipfian), puts, a 90/10 get/put mix, and getAll of 10 keys. Threads come from
 * the command line ({@code -t 1}, {@code -t 2}).
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

  @Param({"strata_l1", "strata_l2", "strata_client", "caffeine", "caffeine_bounded", "ehcache", "hazelcast_member",
      "hazelcast_client_nearcache", "chm"})
  String provider;

  @Param({"100", "1024"})
  int valueSize;

  @Param({"true", "false"})
  boolean storeByValue;

  /** Strata's bound on staleness when invalidations are lost: how often an L1 entry is re-read from L2. */
  @Param({"PT10S"})
  String maxStaleness;

  Subject subject;
  String[] keys;
  String value;
  int[] uniform;
  int[] zipf;
  @SuppressWarnings("unchecked")
  Set<String>[] batches = new Set[SAMPLES / 16];

  @Setup(Level.Trial)
  public void setUp() {
    subject = Subject.create(provider, storeByValue, maxStaleness);
    keys = new String[KEYS];
    StringBuilder text = new StringBuilder();
    while (text.length() < valueSize) {
      text.append("strata-benchmark-value-");
    }
    value = text.substring(0, valueSize);
    for (int i = 0; i < KEYS; i++) {
      keys[i] = String.format("key-%05d", i);
      subject.put(keys[i], value);
    }
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
    // fill near caches and L1s the way a running application would
    for (int round = 0; round < 2; round++) {
      for (String key : keys) {
        subject.get(key);
      }
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
  public String get(Cursor cursor) {
    return subject.get(keys[uniform[cursor.advance()]]);
  }

  @Benchmark
  public String getZipf(Cursor cursor) {
    return subject.get(keys[zipf[cursor.advance()]]);
  }

  @Benchmark
  public void put(Cursor cursor) {
    subject.put(keys[uniform[cursor.advance()]], value);
  }

  @Benchmark
  public String mix(Cursor cursor) {
    int i = cursor.advance();
    String key = keys[uniform[i]];
    if (i % 10 == 0) {
      subject.put(key, value);
      return key;
    }
    return subject.get(key);
  }

  @Benchmark
  public Map<String, String> getAll(Cursor cursor) {
    return subject.getAll(batches[cursor.advance() & (batches.length - 1)]);
  }
}
