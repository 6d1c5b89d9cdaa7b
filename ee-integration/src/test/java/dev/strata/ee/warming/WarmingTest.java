package dev.strata.ee.warming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cache.StrataCacheManager;
import dev.strata.cache.spi.StrataCachingProvider;
import dev.strata.ee.CacheWarmer;
import dev.strata.ee.warming.WarmingStatus.State;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Warming without a container: {@link Warming} against real Strata caches (one embedded member on
 * loopback, from port 5966, joining nobody), with an executor the test runs by hand and a fake
 * clock, so that "while warming" is a state the test holds, not a race.
 */
class WarmingTest {

  private static StrataCacheManager manager;

  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private final AtomicLong nanos = new AtomicLong();
  private final Map<String, WarmingSource> warmers = new HashMap<>();
  private final Map<String, WarmingSettings> settings = new HashMap<>();
  private Warming warming;

  @BeforeAll
  static void startManager() {
    Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
    Properties properties = new Properties();
    properties.setProperty("strata.hazelcast.cluster-name", "warming-test-" + UUID.randomUUID());
    properties.setProperty("strata.hazelcast.port", "5966");
    manager = (StrataCacheManager) Caching.getCachingProvider(StrataCachingProvider.class.getName())
        .getCacheManager(URI.create("strata:warming-test"), WarmingTest.class.getClassLoader(), properties);
    manager.createCache("numbers", new MutableConfiguration<Long, String>().setTypes(Long.class, String.class)
        .setCacheLoaderFactory(FactoryBuilder.factoryOf(new NumberLoader())));
  }

  @AfterAll
  static void closeManager() {
    manager.close();
  }

  @BeforeEach
  void newWarming() {
    for (String name : manager.getCacheNames()) {
      manager.getCache(name).clear();
    }
    warming = new Warming(WarmingTest::cache, name -> settings.getOrDefault(name, new WarmingSettings(List.of(), false)),
        warmers, settings::keySet, tasks::add, nanos::get);
  }

  /** Loads "number n" for every key but 13, which it does not know. */
  public static final class NumberLoader implements CacheLoader<Long, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String load(Long key) {
      return key == 13 ? null : "number " + key;
    }

    @Override
    public Map<Long, String> loadAll(Iterable<? extends Long> keys) {
      Map<Long, String> loaded = new HashMap<>();
      keys.forEach(key -> loaded.put(key, load(key)));
      return loaded;
    }
  }

  /** A warmer of {@code count} entries "k<i>" -> "v<i>". */
  private static CacheWarmer<String, String> warmerOf(String cacheName, int count) {
    return new CacheWarmer<>() {
      @Override
      public String cacheName() {
        return cacheName;
      }

      @Override
      public Map<String, String> entries() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
          entries.put("k" + i, "v" + i);
        }
        return entries;
      }
    };
  }

  private void runTasks() {
    while (!tasks.isEmpty()) {
      tasks.poll().run();
    }
  }

  @Test
  void warm_cacheWarmer_putsEveryEntryInBatchesAndIsWarm() {
    warmers.put("words", new WarmerSource(warmerOf("words", 250)));

    WarmingStatus started = warming.warm("words");
    nanos.addAndGet(Duration.ofMillis(40).toNanos());
    runTasks();

    assertThat(started.state()).isEqualTo(State.WARMING);
    assertThat(started.describe()).isEqualTo("words: warming 0/?");
    WarmingStatus done = warming.status("words");
    assertThat(done.state()).isEqualTo(State.WARM);
    assertThat(done.done()).isEqualTo(250);
    assertThat(done.total()).isEqualTo(250);
    assertThat(done.entries()).isEqualTo(250);
    assertThat(done.took()).isEqualTo(Duration.ofMillis(40));
    assertThat(cache("words").get("k249")).isEqualTo("v249");
  }

  @Test
  void warm_whileAWarmingRuns_returnsItAndStartsNoOther() {
    warmers.put("words", new WarmerSource(warmerOf("words", 3)));

    warming.warm("words");
    WarmingStatus again = warming.warm("words");

    assertThat(again.state()).isEqualTo(State.WARMING);
    assertThat(tasks).hasSize(1);
  }

  @Test
  void warm_cacheWarmerThrows_isFailedWithTheReason() {
    warmers.put("words", new WarmerSource(new CacheWarmer<String, String>() {
      @Override
      public String cacheName() {
        return "words";
      }

      @Override
      public Map<String, String> entries() throws Exception {
        throw new java.sql.SQLException("catalog database unreachable");
      }
    }));

    warming.warm("words");
    runTasks();

    WarmingStatus status = warming.status("words");
    assertThat(status.state()).isEqualTo(State.FAILED);
    assertThat(status.failure()).isEqualTo("catalog database unreachable");
    assertThat(status.describe()).isEqualTo("words: failed after 0 entries: catalog database unreachable");
  }

  @Test
  void warm_afterAFailure_startsAgain() {
    warming.warm("words");
    warmers.put("words", new WarmerSource(warmerOf("words", 2)));

    warming.warm("words");
    runTasks();

    assertThat(warming.status("words").state()).isEqualTo(State.WARM);
  }

  @Test
  void warm_nothingWarmsTheCache_isFailedAtOnceNamingTheFix() {
    WarmingStatus status = warming.warm("orphans");

    assertThat(status.state()).isEqualTo(State.FAILED);
    assertThat(status.failure()).contains("CacheWarmer", "strata.cache.orphans.warm.keys");
    assertThat(tasks).isEmpty();
  }

  @Test
  void warm_configuredKeys_loadsThemThroughTheCacheLoaderAndSkipsUnknownKeys() {
    settings.put("numbers", new WarmingSettings(List.of("12", "13", "14"), false));

    warming.warm("numbers");
    runTasks();

    WarmingStatus status = warming.status("numbers");
    assertThat(status.state()).isEqualTo(State.WARM);
    assertThat(status.done()).isEqualTo(3);
    assertThat(status.entries()).isEqualTo(2);
    assertThat(cache("numbers").get(12L)).isEqualTo("number 12");
    assertThat(cache("numbers").containsKey(13L)).isFalse();
  }

  @Test
  void warm_configuredKeysNotOfTheKeyType_isFailedNamingKeyAndType() {
    settings.put("numbers", new WarmingSettings(List.of("twelve"), false));

    warming.warm("numbers");
    runTasks();

    assertThat(warming.status("numbers").failure()).contains("Long", "'twelve'", "strata.cache.numbers.warm.keys");
  }

  @Test
  void warm_configuredKeysCacheWithoutLoader_isFailedNamingTheFix() {
    settings.put("plain", new WarmingSettings(List.of("a"), false));

    warming.warm("plain");
    runTasks();

    assertThat(warming.status("plain").failure()).contains("no CacheLoader", "strata.cache.plain.warm.keys");
  }

  @Test
  void notReady_requiredCache_isListedWhileWarmingAndAfterAFailureButNotOnceWarm() {
    settings.put("words", new WarmingSettings(List.of(), true));
    settings.put("optional", new WarmingSettings(List.of("x"), false));
    warmers.put("words", new WarmerSource(warmerOf("words", 5)));

    warming.startAll();
    List<WarmingStatus> whileWarming = warming.notReady();
    runTasks();
    List<WarmingStatus> warm = warming.notReady();

    assertThat(whileWarming).extracting(WarmingStatus::cacheName).containsExactly("words");
    assertThat(warm).isEmpty();
    assertThat(warming.status("optional").state()).isEqualTo(State.FAILED);
  }

  @Test
  void status_neverWarmed_isNotStarted() {
    assertThat(warming.status("words").state()).isEqualTo(State.NOT_STARTED);
    assertThat(warming.status("words").describe()).isEqualTo("words: not started");
  }

  private static Cache<Object, Object> cache(String name) {
    Cache<Object, Object> cache = manager.getCache(name);
    return cache != null ? cache : manager.getOrCreateCache(name, new MutableConfiguration<>());
  }
}
