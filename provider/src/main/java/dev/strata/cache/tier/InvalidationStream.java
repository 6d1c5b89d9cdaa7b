package dev.strata.cache.tier;

import java.util.UUID;

/**
 * A cache's numbered invalidation stream: the member that owns a partition announces each change
 * of a key at the moment it commits it, numbered per partition under the partition's UUID, in order
 * per partition; and answers, when asked, the numbers it has given so far. A {@link Lease} is held
 * on it. Implementations are thread-safe.
 */
public interface InvalidationStream {

  /** Where the stream delivers; called on the stream's threads, in order per partition. */
  interface Sink {
    /**
     * A key changed.
     *
     * @param tierKey   the key in L2's form
     * @param ownChange whether this JVM made the change (its L1 settled it already)
     */
    void changed(Object tierKey, boolean ownChange, int partition, UUID partitionUuid, long sequence);

    /** Every key changed (a clear). */
    void changedAll();
  }

  /** The members' numbers at one instant: per partition, the last number given and the partition's UUID. */
  record Numbers(long[] sequences, UUID[] uuids) {
  }

  /** Starts delivering to {@code sink}; closing the result stops it. */
  AutoCloseable open(Sink sink);

  /**
   * Asks every member for its numbers.
   *
   * @throws RuntimeException if a member cannot be asked
   */
  default Numbers numbers() {
    return numbers(java.util.List.of(mapName())).get(mapName());
  }

  /**
   * Asks every member once for the numbers of several maps read through the same instance (the
   * caches of one cache manager), so that a round costs one request per member, however many caches.
   *
   * @throws RuntimeException if a member cannot be asked
   */
  java.util.Map<String, Numbers> numbers(java.util.Collection<String> mapNames);

  /** @return the map this stream numbers */
  String mapName();

  /** @return the number of partitions */
  int partitions();

  /**
   * @param patience how long a reconciliation waits for the members' numbers
   * @return the stream of map {@code mapName} read through {@code instance}, an embedded member or a
   *     client, or null if it is neither
   */
  static InvalidationStream of(com.hazelcast.core.HazelcastInstance instance, String mapName,
                               java.time.Duration patience) {
    InvalidationStream member = MemberInvalidations.of(instance, mapName, patience);
    return member != null ? member : ClientInvalidations.of(instance, mapName, patience);
  }
}
