package dev.strata.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract Strata's lease relies on in Hazelcast's internal near-cache invalidation API, on a
 * real member: key-only invalidations of a map, numbered per partition in order under the
 * partition's UUID, the writer told apart, and the members' numbers matching what was delivered.
 * A Hazelcast upgrade that changes any of it fails here.
 */
class MemberInvalidationsTest {

  private static HazelcastInstance member() {
    return PlainMember.start("invalidations", 5966);
  }

  @Test
  void stream_writesOfAMap_areDeliveredKeyOnlyNumberedInOrderAndMatchTheMembersNumbers() {
    HazelcastInstance member = member();
    try {
      String mapName = "strata/contract/numbers";
      InvalidationStream stream = MemberInvalidations.of(member, mapName, Duration.ofSeconds(5));
      assertThat(stream).isNotNull();
      RecordingSink sink = new RecordingSink();
      List<RecordingSink.Delivered> delivered = sink.delivered;
      List<String> cleared = sink.cleared;
      try (AutoCloseable open = stream.open(sink)) {
        IMap<byte[], byte[]> map = member.getMap(mapName);
        byte[] key = {1, 2, 3};
        int partition = member.getPartitionService().getPartition(key).getPartitionId();
        map.set(key, new byte[] {1});
        map.set(key, new byte[] {2});
        map.remove(key);

        await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() == 3);
        assertThat(delivered).allSatisfy(d -> {
          assertThat(d.key()).isEqualTo(key);
          assertThat(d.own()).as("written through this member").isTrue();
          assertThat(d.partition()).isEqualTo(partition);
          assertThat(d.uuid()).isEqualTo(delivered.get(0).uuid());
        });
        assertThat(delivered.stream().mapToLong(RecordingSink.Delivered::sequence).toArray()).containsExactly(1, 2, 3);

        InvalidationStream.Numbers numbers = stream.numbers();
        assertThat(numbers.uuids()).hasSize(stream.partitions()).doesNotContainNull();
        assertThat(numbers.sequences()[partition]).isEqualTo(3);
        assertThat(numbers.uuids()[partition]).isEqualTo(delivered.get(0).uuid());
        assertThat(Arrays.stream(numbers.sequences()).filter(s -> s != 0).count()).as("only that partition numbered").isEqualTo(1);

        map.clear();
        await().atMost(Duration.ofSeconds(20)).until(() -> !cleared.isEmpty());
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      member.shutdown();
    }
  }

  @Test
  void of_aClient_isNoMemberStream() {
    HazelcastInstance member = member();
    try {
      HazelcastInstance client = PlainMember.clientOf(member);
      try {
        // a client has no member internals to read: it reads the stream through the client protocol (ClientInvalidationsTest)
        assertThat(MemberInvalidations.of(client, "strata/contract/client", Duration.ofSeconds(1))).isNull();
      } finally {
        client.shutdown();
      }
    } finally {
      member.shutdown();
    }
  }
}
