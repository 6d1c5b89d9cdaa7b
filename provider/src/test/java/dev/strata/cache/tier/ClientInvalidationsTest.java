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
 * The contract Strata's lease relies on in Hazelcast's client protocol, from a real client of a plain
 * member (no Strata class on it): key-only invalidations of a map, numbered per partition in order
 * under the partition's UUID, the client's own writes told apart from the member's, and the members'
 * numbers, fetched through the client, matching what was delivered. A Hazelcast upgrade that
 * changes any of it fails here.
 */
class ClientInvalidationsTest {

  private static HazelcastInstance member() {
    return PlainMember.start("client-invalidations", 5976);
  }

  @Test
  void stream_writesOfAMap_areDeliveredKeyOnlyNumberedInOrderAndMatchTheMembersNumbers() throws Exception {
    HazelcastInstance member = member();
    HazelcastInstance client = PlainMember.clientOf(member);
    try {
      String mapName = "strata/contract/client-numbers";
      InvalidationStream stream = InvalidationStream.of(client, mapName, Duration.ofSeconds(5));
      assertThat(stream).isInstanceOf(ClientInvalidations.class);
      assertThat(MemberInvalidations.of(client, mapName, Duration.ofSeconds(5))).isNull();
      assertThat(stream.partitions()).isEqualTo(member.getPartitionService().getPartitions().size());
      RecordingSink sink = new RecordingSink();
      List<RecordingSink.Delivered> delivered = sink.delivered;
      List<String> cleared = sink.cleared;
      try (AutoCloseable open = stream.open(sink)) {
        byte[] key = {4, 5, 6};
        int partition = member.getPartitionService().getPartition(key).getPartitionId();
        IMap<byte[], byte[]> throughClient = client.getMap(mapName);
        throughClient.set(key, new byte[] {1});
        member.<byte[], byte[]>getMap(mapName).set(key, new byte[] {2});
        throughClient.remove(key);

        await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() == 3);
        assertThat(delivered).allSatisfy(d -> {
          assertThat(d.key()).isEqualTo(key);
          assertThat(d.partition()).isEqualTo(partition);
          assertThat(d.uuid()).isEqualTo(delivered.get(0).uuid());
        });
        assertThat(delivered.stream().map(RecordingSink.Delivered::own)).as("the client's writes, then the member's, then the client's")
            .containsExactly(true, false, true);
        assertThat(delivered.stream().mapToLong(RecordingSink.Delivered::sequence).toArray()).containsExactly(1, 2, 3);

        InvalidationStream.Numbers numbers = stream.numbers();
        assertThat(numbers.uuids()).hasSize(stream.partitions()).doesNotContainNull();
        assertThat(numbers.sequences()[partition]).isEqualTo(3);
        assertThat(numbers.uuids()[partition]).isEqualTo(delivered.get(0).uuid());
        assertThat(Arrays.stream(numbers.sequences()).filter(s -> s != 0).count()).as("only that partition numbered")
            .isEqualTo(1);

        throughClient.clear();
        await().atMost(Duration.ofSeconds(20)).until(() -> !cleared.isEmpty());
      }
    } finally {
      client.shutdown();
      member.shutdown();
    }
  }
}
