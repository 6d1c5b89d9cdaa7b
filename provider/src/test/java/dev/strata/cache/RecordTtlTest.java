package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.strata.cache.internal.Clock;
import dev.strata.cache.internal.Record;
import dev.strata.cache.tier.HazelcastTier;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Hazelcast time-to-live of records that {@link HazelcastTier#replace} swaps in by
 * compare-and-set. The tier gives each record a Hazelcast TTL a little past its JSR-107 expiry,
 * only to collect records nobody reads again. Hazelcast 5.7's {@code IMap.replace(k, old, new)}
 * gives the entry the map's default TTL (none, in Strata's map config) rather than keeping the old
 * one, so the tier swaps expiring records under the key lock with their own TTL; these tests pin
 * both facts. One member serves the whole class; every test uses its own map.
 */
class RecordTtlTest {

  private static Cluster cluster;
  private static HazelcastInstance member;

  @BeforeAll
  static void startMember() {
    cluster = Cluster.onPorts(5930, 5934);
    Node node = cluster.member();
    node.cache("start", String.class, String.class);
    member = node.hazelcast();
  }

  @AfterAll
  static void stopMember() {
    cluster.close();
  }

  @Test
  void replace_hazelcastEntryWithTtl_getsTheMapDefaultTtlInstead() {
    IMap<String, String> map = member.getMap("strata/ttl-probe-" + UUID.randomUUID());
    map.set("k", "v1", 60, TimeUnit.SECONDS);
    assertThat(map.getEntryView("k").getTtl()).isEqualTo(60_000);

    assertThat(map.replace("k", "v1", "v2")).isTrue();

    EntryView<String, String> view = map.getEntryView("k");
    assertThat(view.getTtl()).as("no TTL: Strata's map config has no default TTL").isEqualTo(Long.MAX_VALUE);
    assertThat(view.getExpirationTime()).isEqualTo(Long.MAX_VALUE);
  }

  /** Rows: the JSR-107 expiry of the record replaced and of its replacement, in ms from now; -1 for never. */
  static Stream<Arguments> replacements() {
    return Stream.of(
        arguments("expiring, by one expiring sooner (Hazelcast TTL shorter)", 10_000, 9_000),
        arguments("expiring, by one expiring later (Hazelcast TTL longer)", 1_000, 60_000),
        arguments("eternal, by an expiring one", -1, 60_000),
        arguments("expiring, by an eternal one", 60_000, -1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replacements")
  void replace_viaHazelcastTier_neverLetsHazelcastCollectTheRecordBeforeItsExpiry(
      String replacement, long firstExpiresIn, long secondExpiresIn) {
    IMap<byte[], byte[]> map = member.getMap("strata/ttl-tier-" + UUID.randomUUID());
    HazelcastTier tier = tier(map);
    byte[] key = (byte[]) tier.key("k");
    byte[] first = (byte[]) tier.record("v1", at(firstExpiresIn));
    tier.set(key, first);
    byte[] second = (byte[]) tier.restamp(first, at(secondExpiresIn));

    assertThat(tier.replace(key, first, second)).isTrue();

    byte[] stored = map.get(key);
    assertThat(Record.expiresAt(stored)).isEqualTo(Record.expiresAt(second));
    assertThat(map.getEntryView(key).getExpirationTime()).isGreaterThanOrEqualTo(Record.expiresAt(stored));
  }

  /**
   * What the tier means to do: after a replace, Hazelcast holds the TTL the stored record states,
   * so an expiring record that nobody reads again is collected some seconds after its expiry.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("replacements")
  void replace_viaHazelcastTier_leavesHazelcastHoldingTheTtlTheRecordStates(
      String replacement, long firstExpiresIn, long secondExpiresIn) {
    IMap<byte[], byte[]> map = member.getMap("strata/ttl-tier-" + UUID.randomUUID());
    HazelcastTier tier = tier(map);
    byte[] key = (byte[]) tier.key("k");
    byte[] first = (byte[]) tier.record("v1", at(firstExpiresIn));
    tier.set(key, first);
    byte[] second = (byte[]) tier.restamp(first, at(secondExpiresIn));

    assertThat(tier.replace(key, first, second)).isTrue();

    byte[] stored = map.get(key);
    EntryView<byte[], byte[]> view = map.getEntryView(key);
    long statedTtl = Record.gcTtl(stored) == 0 ? Long.MAX_VALUE : Record.gcTtl(stored);
    assertThat(view.getTtl()).as("the TTL Hazelcast holds").isEqualTo(statedTtl);
    assertThat(view.getExpirationTime() == Long.MAX_VALUE).as("never collected")
        .isEqualTo(Record.expiresAt(stored) == Long.MAX_VALUE);
  }

  private static long at(long expiresIn) {
    return expiresIn < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + expiresIn;
  }

  private static HazelcastTier tier(IMap<byte[], byte[]> map) {
    return new HazelcastTier("ttl", map, member.getTopic(map.getName()), Node.codec(), Clock.SYSTEM, true,
        L2UnavailableException::new);
  }
}
