package dev.strata.benchmarks;

import dev.strata.ee.annotation.StrataGeneratedCacheKey;
import dev.strata.ee.cdi.StrataExtension;
import dev.strata.ee.cdi.StrataRuntime;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A {@code @CacheResult} hit through Strata's CDI interceptor (Weld SE) beside a direct
 * {@code cache.get} of the same key in the same cache, and beside the same lookup written by hand
 * in the bean, without and under an interceptor that only proceeds: what the container costs and
 * what Strata's annotation layer adds to it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=java.se", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Dhazelcast.phone.home.enabled=false",
    "-Dhazelcast.logging.type=none", "-Dstrata.hazelcast.cluster-name=strata-bench-cdi",
    "-Dstrata.hazelcast.port=5851", "-Dstrata.cache.default.max-staleness=PT10S", "-Xms1g", "-Xmx1g"})
public class InterceptorBenchmark {

  WeldContainer weld;
  Catalog catalog;
  Cache<Object, Object> cache;
  Object key;

  @Setup(Level.Trial)
  public void setUp() {
    weld = new Weld("strata-bench").disableDiscovery().addExtension(new StrataExtension())
        .addBeanClasses(Catalog.class, Passthrough.class).initialize();
    catalog = weld.select(Catalog.class).get();
    catalog.find("k");
    cache = weld.select(StrataRuntime.class).get().cache("catalog");
    key = new StrataGeneratedCacheKey(new Object[] {"k"});
    if (!"value of k".equals(cache.get(key))) {
      throw new IllegalStateException("The interceptor did not cache find(\"k\") under the expected key");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    weld.shutdown();
  }

  @Benchmark
  public String cacheResultHit() {
    return catalog.find("k");
  }

  @Benchmark
  public Object directGet() {
    return cache.get(key);
  }

  @Benchmark
  public String byHand() {
    return catalog.findByHand("k");
  }

  @Benchmark
  public String byHandUnderPassthrough() {
    return catalog.findUnderPassthrough("k");
  }
}
