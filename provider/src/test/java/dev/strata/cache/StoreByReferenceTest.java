package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Store-by-reference caches live in Hazelcast like every other cache: what one member puts, the
 * other reads. What by-reference changes is what L1 hands out: on the JVM that put a value, the
 * instance put; on any other, one decoded instance, the same on every hit until the entry changes.
 */
class StoreByReferenceTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private static Cluster cluster;
  private static Node a;
  private static Node b;
  private static Node withoutL1;

  @BeforeAll
  static void startCluster() {
    cluster = Cluster.onPorts(5990, 5994);
    // a bound far past every wait below: a stale instance can only leave L1 through an invalidation
    Map<String, String> longBound = Map.of("strata.cache.default.max-staleness", "PT10M",
        "strata.serialization.allow", Plain.class.getName());
    a = cluster.member(longBound);
    b = cluster.member(longBound);
    withoutL1 = cluster.member(Map.of("strata.cache.default.l1.enabled", "false"));
    cluster.startAndAwaitStable(a, b, withoutL1);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  private static <V> Cache<String, V> byReference(Node node, String name, Class<V> valueType) {
    Cache<String, V> cache = node.manager().getCache(name, String.class, valueType);
    return cache != null ? cache : node.manager().createCache(name,
        new MutableConfiguration<String, V>().setTypes(String.class, valueType).setStoreByValue(false));
  }

  @Test
  void put_onA_isReadOnB_andEachJvmHandsOutOneInstance() {
    Cache<String, ArrayList> onA = byReference(a, "sbr-shared", ArrayList.class);
    Cache<String, ArrayList> onB = byReference(b, "sbr-shared", ArrayList.class);
    ArrayList<String> put = new ArrayList<>(List.of("created", "on", "A"));

    onA.put("session-1", put);

    assertThat(onA.get("session-1")).isSameAs(put);
    assertThat(a.map("sbr-shared").size()).as("entries of the cache in Hazelcast").isEqualTo(1);
    ArrayList<?> readOnB = onB.get("session-1");
    assertThat(readOnB).isEqualTo(put).isNotSameAs(put);
    assertThat(onB.get("session-1")).as("B's second read, an L1 hit").isSameAs(readOnB);
  }

  /**
   * Regression, the TCK's {@code StoreByReferenceTest.putIfAbsent_Missing} on two members: a member
   * joining between a put and a get (a cluster change, which lets invalidations be lost) emptied L1,
   * and the get handed out a decoded copy. L1 now distrusts what it holds and asks L2, which still
   * holds the same record: the instance stays.
   */
  @Test
  void clusterChange_betweenPutAndGet_keepsTheInstance() {
    Cache<String, ArrayList> onA = byReference(a, "sbr-cluster-change", ArrayList.class);
    ArrayList<String> put = new ArrayList<>(List.of("put", "before", "a", "join"));
    assertThat(onA.putIfAbsent("k", put)).isTrue();
    var joined = cluster.plainMember();
    try {
      cluster.awaitStable();
      assertThat(onA.get("k")).as("after a member joined: confirmed by L2, the same instance").isSameAs(put);
      assertThat(onA.get("k")).as("and an L1 hit again").isSameAs(put);
    } finally {
      joined.shutdown();
      cluster.awaitStable();
    }
    assertThat(onA.get("k")).as("after the member left").isSameAs(put);
  }

  @Test
  void put_onB_replacesTheInstanceAHandsOut() {
    Cache<String, ArrayList> onA = byReference(a, "sbr-update", ArrayList.class);
    Cache<String, ArrayList> onB = byReference(b, "sbr-update", ArrayList.class);
    ArrayList<String> first = new ArrayList<>(List.of("v1"));
    onA.put("k", first);
    assertThat(onA.get("k")).isSameAs(first);

    onB.put("k", new ArrayList<>(List.of("v2")));

    await().atMost(DEADLINE).until(() -> List.of("v2").equals(onA.get("k")));
    assertThat(onA.get("k")).isNotSameAs(first);
  }

  @Test
  void getAndPut_andGetAndReplace_returnTheInstanceThisJvmHeld() {
    Cache<String, ArrayList> cache = byReference(a, "sbr-old-values", ArrayList.class);
    ArrayList<String> v1 = new ArrayList<>(List.of("1"));
    ArrayList<String> v2 = new ArrayList<>(List.of("2"));
    ArrayList<String> v3 = new ArrayList<>(List.of("3"));

    assertThat(cache.getAndPut("k", v1)).isNull();
    assertThat(cache.getAndPut("k", v2)).isSameAs(v1);
    assertThat(cache.getAndReplace("k", v3)).isSameAs(v2);
    assertThat(cache.get("k")).isSameAs(v3);
    assertThat(cache.getAndRemove("k")).isSameAs(v3);
    assertThat(cache.get("k")).isNull();
  }

  @Test
  void putIfAbsent_thatFindsAnEntry_keepsHandingOutItsInstance() {
    Cache<String, ArrayList> cache = byReference(a, "sbr-put-if-absent", ArrayList.class);
    ArrayList<String> first = new ArrayList<>(List.of("first"));
    cache.put("k", first);

    assertThat(cache.putIfAbsent("k", new ArrayList<>(List.of("second")))).isFalse();

    assertThat(cache.get("k")).isSameAs(first);
  }

  /** Liberty's session cache updates with {@code replace(k, old, new)} on what it read: the read instance must match. */
  @Test
  void replace_withTheInstanceReadOnAnotherJvm_succeeds() {
    Cache<String, ArrayList> onA = byReference(a, "sbr-cas", ArrayList.class);
    Cache<String, ArrayList> onB = byReference(b, "sbr-cas", ArrayList.class);
    onA.put("k", new ArrayList<>(List.of(1L)));
    ArrayList<?> read = onB.get("k");
    ArrayList<Long> next = new ArrayList<>(List.of(2L));

    assertThat(onB.replace("k", read, next)).isTrue();

    assertThat(onB.get("k")).isSameAs(next);
    await().atMost(DEADLINE).until(() -> List.of(2L).equals(onA.get("k")));
    assertThat(onA.replace("k", read, new ArrayList<>(List.of(3L)))).as("a stale expected value").isFalse();
  }

  /** Arrays have identity equals; a conditional operation compares them by content, as Hazelcast's own JCache does. */
  @Test
  void replaceAndRemove_ofByteArrays_compareByContent() {
    for (Cache<String, byte[]> cache : List.of(byReference(a, "sbr-bytes", byte[].class),
        a.cache("sbv-bytes", String.class, byte[].class))) {
      cache.put("k", new byte[] {1, 2, 3});

      assertThat(cache.replace("k", new byte[] {1, 2, 3}, new byte[] {4})).as(cache.getName()).isTrue();
      assertThat(cache.replace("k", new byte[] {1, 2, 3}, new byte[] {5})).as(cache.getName()).isFalse();
      assertThat(cache.remove("k", new byte[] {4})).as(cache.getName()).isTrue();
      assertThat(cache.containsKey("k")).isFalse();
    }
  }

  /** Not Serializable: JSR-107 lets a store-by-reference cache take it. */
  static final class Plain {
    final String name;
    transient int uses;

    Plain(String name) {
      this.name = name;
    }
  }

  @Test
  void nonSerializableValue_isStoredInHazelcast_andReadOnAnotherJvmByItsFields() {
    Cache<String, Plain> onA = byReference(a, "sbr-plain", Plain.class);
    Cache<String, Plain> onB = byReference(b, "sbr-plain", Plain.class);
    Plain put = new Plain("plain");
    put.uses = 7;

    onA.put("k", put);

    assertThat(onA.get("k")).isSameAs(put);
    Plain onOther = onB.get("k");
    assertThat(onOther.name).isEqualTo("plain");
    assertThat(onOther.uses).as("a transient field is not shipped").isZero();
  }

  @Test
  void byReferenceCache_keepsItsL1_evenWithL1SwitchedOff() {
    Cache<String, ArrayList> cache = byReference(withoutL1, "sbr-no-l1", ArrayList.class);
    ArrayList<String> put = new ArrayList<>(List.of("x"));

    cache.put("k", put);

    assertThat(cache.get("k")).isSameAs(put);
    assertThat(withoutL1.map("sbr-no-l1").size()).isEqualTo(1);
  }

  /** Not allowed by these members' allow-list: a write of it is refused before anything is stored. */
  static final class Unlisted {
  }

  /** A refused write leaves L1 as it was: the next reads are hits on one instance again. */
  @Test
  void refusedWrites_leaveNoReservationBehind() {
    Cache<String, Object> cache = byReference(a, "sbr-refused", Object.class);
    cache.put("k", "kept");
    for (Runnable refused : List.<Runnable>of(() -> cache.getAndPut("k", new Unlisted()),
        () -> cache.getAndReplace("k", new Unlisted()), () -> cache.replace("k", new Unlisted()),
        () -> cache.put("k", new Unlisted()), () -> cache.putIfAbsent("k", new Unlisted()),
        () -> cache.replace("k", "kept", new Unlisted()))) {
      assertThatThrownBy(refused::run).isInstanceOf(IllegalArgumentException.class);
      Object first = cache.get("k");
      assertThat(first).isEqualTo("kept");
      assertThat(cache.get("k")).as("the next read, an L1 hit").isSameAs(first);
    }
  }

  /**
   * Liberty's session store updates a session's metadata with a compare-and-swap loop: read, copy,
   * change, {@code replace(k, read, changed)}, again on failure. Two JVMs and two threads on each
   * count to 800 that way: a stale instance from L1 may fail a swap, never win one.
   */
  @Test
  void compareAndSwapLoops_onTwoJvms_loseNoUpdate() throws Exception {
    Cache<String, ArrayList> onA = byReference(a, "sbr-counter", ArrayList.class);
    Cache<String, ArrayList> onB = byReference(b, "sbr-counter", ArrayList.class);
    onA.put("session", new ArrayList<>(List.of(0L)));
    int perThread = 200;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> counters = new ArrayList<>();
      for (Cache<String, ArrayList> cache : List.of(onA, onB, onA, onB)) {
        counters.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            while (true) {
              ArrayList<?> read = cache.get("session");
              ArrayList<Long> next = new ArrayList<>(List.of((Long) read.get(0) + 1));
              if (cache.replace("session", read, next)) {
                break;
              }
            }
          }
        }));
      }
      for (Future<?> counter : counters) {
        counter.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long expected = 4L * perThread;
    assertThat(byReference(withoutL1, "sbr-counter", ArrayList.class).get("session")).isEqualTo(List.of(expected));
    await().atMost(DEADLINE).until(() -> List.of(expected).equals(onA.get("session"))
        && List.of(expected).equals(onB.get("session")));
  }

  /**
   * Two JVMs write one key concurrently; once they stop, each hands out what Hazelcast holds. An
   * instance left in L1 by a write that a later write on the other JVM overtook would fail this.
   */
  @Test
  void concurrentWritesOnTwoJvms_leaveBothServingWhatL2Holds() throws Exception {
    Cache<String, ArrayList> onA = byReference(a, "sbr-race", ArrayList.class);
    Cache<String, ArrayList> onB = byReference(b, "sbr-race", ArrayList.class);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 20; round++) {
        String key = "k" + round;
        List<Future<?>> writers = new ArrayList<>();
        for (Cache<String, ArrayList> cache : List.of(onA, onB, onA, onB)) {
          String writer = cache == onA ? "A" : "B";
          writers.add(pool.submit(() -> {
            for (int i = 0; i < 50; i++) {
              cache.put(key, new ArrayList<>(List.of(writer, i)));
              cache.get(key);
            }
          }));
        }
        for (Future<?> writer : writers) {
          writer.get(60, TimeUnit.SECONDS);
        }
        // what L2 holds, read without any L1
        Object inL2 = byReference(withoutL1, "sbr-race", ArrayList.class).getAll(java.util.Set.of(key)).get(key);
        await("both JVMs serve what L2 holds for " + key).atMost(DEADLINE)
            .until(() -> inL2.equals(onA.get(key)) && inL2.equals(onB.get(key)));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
