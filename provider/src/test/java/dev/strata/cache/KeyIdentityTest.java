package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.cache.values.HookedKey;
import dev.strata.cache.values.Product;
import org.junit.jupiter.api.Test;

/**
 * One logical key finds its entry from every JVM, whatever each JVM encoded or decoded before.
 * Regression for Hibernate's query cache shared by two JVMs: B missed what A had just cached,
 * because B had decoded another key of the same class (an invalidation from A) before it first
 * encoded one, and Fory's form of a class with serialization hooks followed the class description
 * it met first, read or written; B's bytes for the same key were not A's.
 */
class KeyIdentityTest {

  @Test
  void get_keyClassFirstMetInAnInvalidation_findsTheEntryAnotherJvmWrote() {
    try (Cluster cluster = Cluster.onPorts(5960, 5964)) {
      Node a = cluster.member();
      Node b = cluster.member();
      StrataCache<HookedKey, Product> onA = a.cache("queries", HookedKey.class, Product.class);
      StrataCache<HookedKey, Product> onB = b.cache("queries", HookedKey.class, Product.class);
      cluster.awaitStable();
      String sql = "select p from Product p where p.id = ?";

      // B's first meeting with the key class: it decodes A's key to drop it from its L1
      onA.put(new HookedKey(sql, 2), Product.of(2));
      await().atMost(Cluster.PATIENCE).until(() -> onB.statistics().invalidationsReceived() >= 1);
      onA.put(new HookedKey(sql, 4), Product.of(4));

      assertThat(onB.get(new HookedKey(sql, 4))).isEqualTo(Product.of(4));
      assertThat(onB.get(new HookedKey(sql, 2))).isEqualTo(Product.of(2));
      assertThat(a.map("queries").size()).as("one L2 entry per logical key").isEqualTo(2);
    }
  }
}
