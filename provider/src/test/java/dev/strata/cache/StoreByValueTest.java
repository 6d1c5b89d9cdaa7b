package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.cache.values.ValueKind;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JSR-107 store-by-value contract for every kind of value applications cache: whatever a caller
 * does to the object it passed to {@code put}, or to one that {@code get} returned, at any depth,
 * the cache keeps what was put. Checked on L1 hits, on L2 reads (L1 off), and across two members.
 */
class StoreByValueTest {

  private static final Map<String, String> VALUES_ALLOWED = Map.of("strata.serialization.allow", "dev.strata.cache.values.*");

  private static Cluster cluster;
  private static Node a;
  private static Node b;
  private static Node withoutL1;

  @BeforeAll
  static void startCluster() {
    cluster = Cluster.onPorts(5960, 5964);
    a = cluster.member(VALUES_ALLOWED);
    b = cluster.member(VALUES_ALLOWED);
    withoutL1 = cluster.member(Map.of("strata.serialization.allow", "dev.strata.cache.values.*",
        "strata.cache.default.l1.enabled", "false"));
    cluster.startAndAwaitStable(a, b, withoutL1);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @ParameterizedTest
  @EnumSource(ValueKind.class)
  void l1Hit_mutatingWhatWasPutOrWhatGetReturned_neverChangesTheCachedValue(ValueKind kind) {
    StrataCache<String, Object> cache = a.cache("sbv-l1-" + kind, String.class, Object.class);
    Object put = kind.create();
    putAndAwaitOwnEvent(cache, "k", put);
    kind.mutate(put);

    Object fromL2 = cache.get("k");
    assertThat(ValueKind.same(fromL2, kind.create())).as("read from L2 after the put's object changed").isTrue();
    kind.mutate(fromL2);
    long l1Hits = cache.statistics().l1Hits();
    Object firstHit = cache.get("k");
    kind.mutate(firstHit);
    Object secondHit = cache.get("k");

    assertThat(cache.statistics().l1Hits()).as("both reads hit L1").isEqualTo(l1Hits + 2);
    assertThat(ValueKind.same(secondHit, kind.create())).as(kind + " after callers changed what they got").isTrue();
  }

  @ParameterizedTest
  @EnumSource(ValueKind.class)
  void l2Read_mutatingWhatWasPutOrWhatGetReturned_neverChangesTheCachedValue(ValueKind kind) {
    StrataCache<String, Object> cache = withoutL1.cache("sbv-l2-" + kind, String.class, Object.class);
    Object put = kind.create();
    cache.put("k", put);
    kind.mutate(put);
    Object first = cache.get("k");
    kind.mutate(first);

    assertThat(cache.statistics().l1Hits()).isZero();
    assertThat(ValueKind.same(cache.get("k"), kind.create())).isTrue();
  }

  @ParameterizedTest
  @EnumSource(ValueKind.class)
  void acrossMembers_mutatingOnOneMember_neverChangesWhatTheOtherReads(ValueKind kind) {
    String name = "sbv-two-" + kind;
    StrataCache<String, Object> onA = a.cache(name, String.class, Object.class);
    StrataCache<String, Object> onB = b.cache(name, String.class, Object.class);
    Object put = kind.create();
    onA.put("k", put);
    kind.mutate(put);

    Object readOnB = onB.get("k");
    kind.mutate(readOnB);
    Object hitOnB = onB.get("k");
    kind.mutate(hitOnB);

    assertThat(ValueKind.same(onB.get("k"), kind.create())).as("B, after its callers changed what they got").isTrue();
    assertThat(ValueKind.same(onA.get("k"), kind.create())).as("A, after B's callers changed what they got").isTrue();
  }

  @Test
  void l1Hit_immutableValues_areSharedNotCopied() {
    StrataCache<String, Object> cache = a.cache("sbv-shared", String.class, Object.class);
    for (ValueKind kind : new ValueKind[] {ValueKind.RECORD, ValueKind.IMMUTABLE_LIST_OF_RECORDS, ValueKind.STRING}) {
      putAndAwaitOwnEvent(cache, kind.name(), kind.create());
      cache.get(kind.name());
      assertThat(cache.get(kind.name())).as(kind.name()).isSameAs(cache.get(kind.name()));
    }
    putAndAwaitOwnEvent(cache, "pojo", ValueKind.POJO.create());
    cache.get("pojo");
    assertThat(cache.get("pojo")).isNotSameAs(cache.get("pojo")).isEqualTo(cache.get("pojo"));
  }

  /** Puts, then waits until this member has heard of its own write, which would otherwise drop the entry read next. */
  private static void putAndAwaitOwnEvent(StrataCache<String, Object> cache, String key, Object value) {
    long heard = cache.statistics().invalidationsReceived();
    cache.put(key, value);
    await().atMost(Cluster.PATIENCE).until(() -> cache.statistics().invalidationsReceived() > heard);
  }
}
