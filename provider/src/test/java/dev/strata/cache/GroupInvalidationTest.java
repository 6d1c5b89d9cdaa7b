package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Invalidating a group of entries at once, across caches and members: by tag, and by key prefix
 * for caches that index their keys. Each member keeps its own L1, served for 30 seconds, so a
 * member that stops returning an entry can only have heard of its removal.
 */
class GroupInvalidationTest {

  private static final Map<String, String> L1_SERVED_LONG = Map.of(
      "strata.cache.default.max-staleness", "PT30S",
      "strata.cache.sessions.prefix-invalidation", "true");

  @Test
  void invalidateTag_entriesOfOneUserInTwoCaches_goneOnEveryMemberAndTheRestStays() {
    try (Cluster cluster = Cluster.onPorts(5985, 5989)) {
      Node a = cluster.member(L1_SERVED_LONG);
      Node b = cluster.member(L1_SERVED_LONG);
      cluster.startAndAwaitStable(a, b);
      StrataCache<String, String> profilesOnA = a.cache("profiles", String.class, String.class);
      StrataCache<String, String> ordersOnA = a.cache("orders", String.class, String.class);
      StrataCache<String, String> profilesOnB = b.cache("profiles", String.class, String.class);
      StrataCache<String, String> ordersOnB = b.cache("orders", String.class, String.class);
      profilesOnA.put("42", "ada", Set.of("user:42"));
      ordersOnA.put("o-1", "book", Set.of("user:42", "shop:7"));
      ordersOnA.put("o-2", "pen", Set.of("user:42"));
      ordersOnA.put("o-3", "ink", Set.of("user:7"));
      profilesOnA.put("7", "bob");
      await("B to read every entry").atMost(Cluster.PATIENCE).until(() -> "ada".equals(profilesOnB.get("42"))
          && "book".equals(ordersOnB.get("o-1")) && "pen".equals(ordersOnB.get("o-2")));

      long removed = a.manager().invalidateTag("user:42");

      assertThat(removed).isEqualTo(3);
      await("B's L1 to drop user 42's entries").atMost(Cluster.PATIENCE).until(() -> profilesOnB.get("42") == null
          && ordersOnB.get("o-1") == null && ordersOnB.get("o-2") == null);
      assertThat(profilesOnA.get("42")).isNull();
      assertThat(ordersOnB.get("o-3")).as("another user's order").isEqualTo("ink");
      assertThat(profilesOnB.get("7")).as("an untagged entry").isEqualTo("bob");
      assertThat(a.manager().invalidateTag("user:42")).as("a second invalidation finds nothing").isZero();
    }
  }

  @Test
  void invalidateTag_cacheOnlyAnotherMemberOpened_isInvalidatedThereToo() {
    try (Cluster cluster = Cluster.onPorts(5985, 5989)) {
      Node a = cluster.member(L1_SERVED_LONG);
      Node b = cluster.member(L1_SERVED_LONG);
      cluster.startAndAwaitStable(a, b);
      StrataCache<String, String> ordersOnB = b.cache("orders", String.class, String.class);
      ordersOnB.put("o-1", "book", Set.of("user:42"));
      ordersOnB.put("o-2", "pen", Set.of("user:7"));
      assertThat(ordersOnB.get("o-1")).isEqualTo("book");

      assertThat(a.manager().invalidateTag("user:42")).as("entries removed through a cache A never opened").isEqualTo(1);

      await("B's L1 to drop o-1").atMost(Cluster.PATIENCE).until(() -> ordersOnB.get("o-1") == null);
      assertThat(ordersOnB.get("o-2")).isEqualTo("pen");
    }
  }

  @Test
  void invalidateTag_namedCache_leavesTheTagInOtherCaches() {
    try (Cluster cluster = Cluster.onPorts(5985, 5989)) {
      Node node = cluster.member(L1_SERVED_LONG);
      StrataCache<String, String> profiles = node.cache("profiles", String.class, String.class);
      StrataCache<String, String> orders = node.cache("orders", String.class, String.class);
      profiles.put("42", "ada", Set.of("user:42"));
      orders.put("o-1", "book", Set.of("user:42"));

      assertThat(node.manager().invalidateTag("user:42", "orders")).isEqualTo(1);

      assertThat(orders.get("o-1")).isNull();
      assertThat(profiles.get("42")).isEqualTo("ada");
      assertThatThrownBy(() -> node.manager().invalidateTag("user:42", "nope"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no cache 'nope'")
          .hasMessageContaining("user:42");
    }
  }

  /**
   * A put with a tag and an invalidation of that tag, at the same time: whichever wins, an entry
   * that survives must still be indexed, so that the next invalidation of the tag removes it.
   */
  @Test
  void invalidateTag_racingATaggedPut_neverLeavesATaggedEntryNoInvalidationCanFind() {
    try (Cluster cluster = Cluster.onPorts(5985, 5989)) {
      Node node = cluster.member(L1_SERVED_LONG);
      StrataCache<String, Integer> cache = node.cache("race", String.class, Integer.class);
      for (int round = 0; round < 500; round++) {
        String key = "k" + round;
        int value = round;
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Void> put = CompletableFuture.runAsync(() -> {
          meet(start);
          cache.put(key, value, Set.of("t"));
        });
        meet(start);
        node.manager().invalidateTag("t", "race");
        put.join();

        node.manager().invalidateTag("t", "race");

        assertThat(cache.get(key)).as("round %d: the entry after a later invalidation of its tag", round).isNull();
      }
    }
  }

  private static void meet(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (InterruptedException | BrokenBarrierException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void invalidatePrefix_stringKeys_removesOnlyThoseUnderThePrefixOnEveryMember() {
    try (Cluster cluster = Cluster.onPorts(5985, 5989)) {
      Node a = cluster.member(L1_SERVED_LONG);
      Node b = cluster.member(L1_SERVED_LONG);
      cluster.startAndAwaitStable(a, b);
      StrataCache<String, String> onA = a.cache("sessions", String.class, String.class);
      StrataCache<String, String> onB = b.cache("sessions", String.class, String.class);
      for (String key : List.of("user:1:cart", "user:1:prefs", "user:10:cart", "user:2:cart")) {
        onA.put(key, key.toUpperCase());
      }
      await("B to read the entries").atMost(Cluster.PATIENCE).until(() -> onB.get("user:1:cart") != null
          && onB.get("user:1:prefs") != null);

      assertThat(onA.invalidatePrefix("user:1:")).isEqualTo(2);

      await("B's L1 to drop user 1's keys").atMost(Cluster.PATIENCE).until(() -> onB.get("user:1:cart") == null
          && onB.get("user:1:prefs") == null);
      assertThat(onB.get("user:10:cart")).isEqualTo("USER:10:CART");
      assertThat(onB.get("user:2:cart")).isEqualTo("USER:2:CART");
    }
  }

  @Test
  void invalidatePrefix_cacheWithoutKeyIndex_failsNamingTheKeyToSet() {
    try (Cluster cluster = Cluster.onPorts(5985, 5989)) {
      StrataCache<String, String> cache = cluster.member().cache("plain", String.class, String.class);

      assertThatThrownBy(() -> cache.invalidatePrefix("user:"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Cache 'plain'")
          .hasMessageContaining("strata.cache.plain.prefix-invalidation=true");
    }
  }

  @Test
  void put_blankTag_isRefusedAndNothingIsStored() {
    try (Cluster cluster = Cluster.onPorts(5985, 5989)) {
      StrataCache<String, String> cache = cluster.member().cache("tagged", String.class, String.class);

      assertThatThrownBy(() -> cache.put("k", "v", Set.of(" ")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Cache 'tagged'")
          .hasMessageContaining("blank tag");
      assertThat(cache.get("k")).isNull();
    }
  }
}
