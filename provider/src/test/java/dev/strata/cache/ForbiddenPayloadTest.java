package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.cache.copy.AllowList;
import dev.strata.cache.copy.Codec;
import dev.strata.cache.copy.ImmutableTypes;
import dev.strata.cache.internal.Record;
import dev.strata.cache.values.Product;
import dev.strata.gadget.Gadget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.cache.CacheException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A process that can reach the cluster writes a gadget straight into a cache's Hazelcast map,
 * through Hazelcast's own API, in the very format Strata writes. A Strata JVM that reads it must
 * refuse it before any of it is instantiated: the gadget's {@code readObject} never runs, the read
 * fails with a {@link CacheException} naming the cache, the class and the property to change, and
 * the refusal is counted.
 */
class ForbiddenPayloadTest {

  private static final String CACHE = "catalog";

  private static Cluster cluster;
  private static Node writer;
  private static Node reader;

  @BeforeAll
  static void startCluster() {
    cluster = Cluster.onPorts(5970, 5974);
    writer = cluster.member();
    reader = cluster.member();
    writer.manager().connect();
    reader.manager().connect();
    cluster.awaitStable();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void resetGadget() {
    Gadget.READS.set(0);
  }

  /** The attacker's codec: Strata's own format, with the gadget's package allowed. */
  private static Codec attackerCodec() {
    return new Codec(ForbiddenPayloadTest.class.getClassLoader(), new AllowList(Set.of(), Set.of("dev.strata.gadget.")),
        new ImmutableTypes(Set.of()));
  }

  private static byte[] key(String key) {
    return Node.codec().encode(key, 0);
  }

  @Test
  void get_applicationTypeOfTheCacheConfiguration_isReadOnAnotherJvmWithoutAnyProperty() {
    writer.cache(CACHE, String.class, Product.class).put("p1", Product.of(1));
    assertThat(reader.cache(CACHE, String.class, Product.class).get("p1")).isEqualTo(Product.of(1));
  }

  @Test
  void get_gadgetWrittenThroughHazelcast_isRefusedUninstantiatedAndCounted() {
    StrataCache<String, Product> cache = reader.cache(CACHE, String.class, Product.class);
    long rejected = cache.statistics().rejectedPayloads();
    writer.map(CACHE).put(key("evil"), Record.of(attackerCodec(), new Gadget(), true, Long.MAX_VALUE, 0, System.currentTimeMillis(), 42));

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> cache.get("evil"))
          .isInstanceOf(CacheException.class)
          .hasMessageContaining("Cache '" + CACHE + "'")
          .hasMessageContaining(Gadget.class.getName())
          .hasMessageContaining("strata.serialization.allow");
    }
    assertThat(Gadget.READS).as("readObject runs of the gadget").hasValue(0);
    assertThat(cache.statistics().rejectedPayloads() - rejected).isEqualTo(2);
  }

  @Test
  void get_gadgetInsideAnAllowedList_isRefusedUninstantiated() {
    StrataCache<String, Object> cache = reader.cache("lists", String.class, Object.class);
    List<Object> payload = new ArrayList<>(List.of("harmless", new Gadget()));
    writer.map("lists").put(key("evil"), Record.of(attackerCodec(), payload, true, Long.MAX_VALUE, 0, System.currentTimeMillis(), 42));

    assertThatThrownBy(() -> cache.get("evil")).isInstanceOf(CacheException.class)
        .hasMessageContaining(Gadget.class.getName());
    assertThatThrownBy(() -> cache.iterator().forEachRemaining(entry -> { })).isInstanceOf(CacheException.class);
    assertThat(Gadget.READS).hasValue(0);
  }

  @Test
  void get_javaSerializedPayloadOfTheFirstFormat_isRefusedUnread() throws IOException {
    StrataCache<String, Object> cache = reader.cache("legacy", String.class, Object.class);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[17 + 1]); // format 1: a 17-byte header, then the Java serialization tag, 0
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new Gadget());
    }
    byte[] record = bytes.toByteArray();
    record[0] = 1;
    Codec.Bytes.putLong(record, 1, Long.MAX_VALUE); // eternal
    writer.map("legacy").put(key("old"), record);

    assertThatThrownBy(() -> cache.get("old")).isInstanceOf(CacheException.class)
        .hasMessageContaining("Cache 'legacy'").hasMessageContaining("format 1");
    assertThat(Gadget.READS).hasValue(0);
  }

  @Test
  void put_valueHoldingAClassOutsideTheAllowList_isRefusedNamingCacheClassAndProperty() {
    StrataCache<String, Object> cache = writer.cache("outbound", String.class, Object.class);
    assertThatThrownBy(() -> cache.put("k", new Gadget()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cache 'outbound'")
        .hasMessageContaining(Gadget.class.getName())
        .hasMessageContaining("strata.serialization.allow")
        .hasMessageContaining("dev.strata.gadget.*");
    assertThat(cache.containsKey("k")).isFalse();
  }

  @Test
  void get_classTheOperatorAllowed_isRead() {
    try (Cluster other = Cluster.onPorts(5975, 5979)) {
      Node allowing = other.member(java.util.Map.of("strata.serialization.allow", "dev.strata.gadget.Gadget"));
      StrataCache<String, Object> cache = allowing.cache("allowed", String.class, Object.class);
      cache.put("k", new Gadget());
      assertThat(cache.get("k")).isInstanceOf(Gadget.class);
      assertThat(Gadget.READS).as("read once, by Strata's decode").hasValue(1);
    }
  }
}
