package dev.strata.cache.tier;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gathers the members' answers of one reconciliation round into {@link InvalidationStream.Numbers}
 * per map: each member answers for the partitions it owns, with their UUIDs and, per map, the last
 * number it gave in each. A partition no member answered for keeps number {@code -1} and no UUID, so
 * that the lease cannot count it complete. Not thread-safe: one per round.
 */
final class NumbersTally {

  /**
   * How many caches of this JVM read each map's stream through each Hazelcast instance, member or
   * client. An invalidation names the instance whose caller wrote, not the cache object: where two
   * caches of one instance share a map (two cache managers of one URI, say two applications on one
   * Strata library), a write of one is another's foreign write, and neither may skip it.
   */
  private static final ConcurrentMap<String, AtomicInteger> READERS = new ConcurrentHashMap<>();

  private final UUID[] uuids;
  private final Map<String, long[]> sequences = new HashMap<>();

  NumbersTally(Collection<String> mapNames, int partitions) {
    this.uuids = new UUID[partitions];
    for (String name : mapNames) {
      long[] numbers = new long[partitions];
      Arrays.fill(numbers, -1);
      sequences.put(name, numbers);
    }
  }

  /** A member owns {@code partition}, under {@code uuid}; a partition with no number yet has given none: 0. */
  void owned(int partition, UUID uuid) {
    if (partition < 0 || partition >= uuids.length) {
      return;
    }
    uuids[partition] = uuid;
    for (long[] numbers : sequences.values()) {
      numbers[partition] = Math.max(numbers[partition], 0);
    }
  }

  /** The last number given in {@code partition} of map {@code mapName}. */
  void numbered(String mapName, int partition, long sequence) {
    long[] numbers = sequences.get(mapName);
    if (numbers != null && partition >= 0 && partition < numbers.length) {
      numbers[partition] = sequence;
    }
  }

  /** Takes a member's answer in the form both Hazelcast's member API and its client protocol use. */
  void answer(Iterable<? extends Map.Entry<Integer, UUID>> partitionUuids,
              Iterable<? extends Map.Entry<String, ? extends Iterable<? extends Map.Entry<Integer, Long>>>> mapSequences) {
    for (Map.Entry<Integer, UUID> owned : partitionUuids) {
      owned(owned.getKey(), owned.getValue());
    }
    for (Map.Entry<String, ? extends Iterable<? extends Map.Entry<Integer, Long>>> map : mapSequences) {
      for (Map.Entry<Integer, Long> entry : map.getValue()) {
        numbered(map.getKey(), entry.getKey(), entry.getValue());
      }
    }
  }

  /** @return the count of this JVM's readers of map {@code mapName} through instance {@code instanceName} */
  static AtomicInteger readers(String instanceName, String mapName) {
    return READERS.computeIfAbsent(instanceName + "/" + mapName, k -> new AtomicInteger());
  }

  /** Waits up to {@code patience} for one member's answer. */
  static <T> T awaited(Future<T> answer, java.time.Duration patience) {
    try {
      return answer.get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the members for invalidation numbers", e);
    } catch (Exception e) {
      throw new IllegalStateException("a member did not answer for its invalidation numbers: " + e, e);
    }
  }

  Map<String, InvalidationStream.Numbers> numbers() {
    Map<String, InvalidationStream.Numbers> result = new HashMap<>();
    sequences.forEach((name, numbers) -> result.put(name, new InvalidationStream.Numbers(numbers, uuids.clone())));
    return result;
  }
}
