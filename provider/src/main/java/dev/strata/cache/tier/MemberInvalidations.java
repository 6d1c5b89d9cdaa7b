package dev.strata.cache.tier;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.nearcache.impl.invalidation.BatchNearCacheInvalidation;
import com.hazelcast.internal.nearcache.impl.invalidation.Invalidation;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.MapServiceContext;
import com.hazelcast.map.impl.nearcache.invalidation.InvalidationListener;
import com.hazelcast.map.impl.nearcache.invalidation.UuidFilter;
import com.hazelcast.map.impl.operation.MapGetInvalidationMetaDataOperation;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.properties.ClusterProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The numbered invalidation stream of an embedded member, read from Hazelcast's own: the
 * invalidations its Near Cache is built on, which the owner of a partition numbers per partition,
 * under the partition's UUID, as it commits each change, and the metadata its repairing task asks
 * the members for. Key-only: no value travels.
 *
 * <p>This is Hazelcast's internal Java API ({@code com.hazelcast.internal.nearcache},
 * {@code com.hazelcast.map.impl}); the client protocol carries the same messages publicly. It is
 * confined to this class, Hazelcast's version is pinned, and {@code MemberInvalidationsTest} fails
 * on an upgrade that changes it. Members must send invalidations as they happen
 * ({@code hazelcast.map.invalidation.batch.enabled=false}, which Strata's embedded members set):
 * batched, they arrive up to seconds late, and the lease lapses meanwhile. Thread-safe.
 */
final class MemberInvalidations implements InvalidationStream {

  private static final System.Logger LOG = System.getLogger(MemberInvalidations.class.getName());

  /**
   * A fault for the chaos suite, off unless this system property is {@code true}: every
   * invalidation this JVM receives is then discarded before its L1 hears of it, as if the member
   * that sent it had lost it. Read per invalidation, so that a harness can switch it on and off in a
   * running JVM; the lease, not the stream, must then keep reads within the bound.
   */
  static final String LOSE_PROPERTY = "strata.fault.lose-invalidations";

  private final NodeEngine nodeEngine;
  private final MapServiceContext maps;
  private final String mapName;
  private final Duration patience;

  private MemberInvalidations(NodeEngine nodeEngine, String mapName, Duration patience) {
    this.nodeEngine = nodeEngine;
    this.maps = ((MapService) nodeEngine.getService(MapService.SERVICE_NAME)).getMapServiceContext();
    this.mapName = mapName;
    this.patience = patience;
  }

  /**
   * @param patience how long to wait for the members' numbers
   * @return the stream of map {@code mapName}, or null if {@code instance} is not an embedded member
   */
  static InvalidationStream of(HazelcastInstance instance, String mapName, Duration patience) {
    HazelcastInstanceImpl member = instance instanceof HazelcastInstanceProxy proxy ? proxy.getOriginal()
        : instance instanceof HazelcastInstanceImpl impl ? impl : null;
    if (member == null) {
      return null;
    }
    NodeEngine nodeEngine = member.node.getNodeEngine();
    if (nodeEngine.getProperties().getBoolean(ClusterProperty.MAP_INVALIDATION_MESSAGE_BATCH_ENABLED)) {
      LOG.log(System.Logger.Level.WARNING, "Hazelcast member {0} batches its invalidations ({1}=true): they reach "
          + "L1 up to {2} s late, and the staleness bound's lease lapses meanwhile, sending reads to L2. Set {1}=false "
          + "in the member's configuration", instance.getName(), ClusterProperty.MAP_INVALIDATION_MESSAGE_BATCH_ENABLED.getName(),
          nodeEngine.getProperties().getInteger(ClusterProperty.MAP_INVALIDATION_MESSAGE_BATCH_FREQUENCY_SECONDS));
    }
    return new MemberInvalidations(nodeEngine, mapName, patience);
  }

  @Override
  public AutoCloseable open(Sink sink) {
    // the member's UUID may change after a split-brain merge: asked per invalidation, not kept
    AtomicInteger readers = NumbersTally.readers(nodeEngine.getHazelcastInstance().getName(), mapName);
    readers.incrementAndGet();
    InvalidationListener listener = invalidation -> deliver(invalidation, sink, readers);
    UUID id = maps.addEventListener(listener, new UuidFilter(nodeEngine.getLocalMember().getUuid()), mapName);
    return () -> {
      maps.removeEventListener(mapName, id);
      readers.decrementAndGet();
    };
  }

  private void deliver(Invalidation invalidation, Sink sink, AtomicInteger readers) {
    if (Boolean.getBoolean(LOSE_PROPERTY)) {
      return;
    }
    if (invalidation instanceof BatchNearCacheInvalidation batch) {
      for (Invalidation single : batch.getInvalidations()) {
        deliver(single, sink, readers);
      }
      return;
    }
    Data key = invalidation.getKey();
    boolean own = readers.get() == 1 && nodeEngine.getLocalMember().getUuid().equals(invalidation.getSourceUuid());
    if (key == null) {
      // a clear: numbered in the partition of the map's name
      int partition = nodeEngine.getPartitionService().getPartitionId(mapName);
      sink.changedAll();
      sink.changed(null, own, partition, invalidation.getPartitionUuid(), invalidation.getSequence());
      return;
    }
    Object tierKey = nodeEngine.getSerializationService().toObject(key);
    sink.changed(tierKey, own, nodeEngine.getPartitionService().getPartitionId(key), invalidation.getPartitionUuid(),
        invalidation.getSequence());
  }

  @Override
  public String mapName() {
    return mapName;
  }

  @Override
  public java.util.Map<String, Numbers> numbers(java.util.Collection<String> mapNames) {
    return numbers(nodeEngine, List.copyOf(mapNames), patience);
  }

  /** Asks every member, once, for the numbers of all of {@code mapNames}. */
  private static java.util.Map<String, Numbers> numbers(NodeEngine nodeEngine, List<String> mapNames, Duration patience) {
    NumbersTally tally = new NumbersTally(mapNames, nodeEngine.getPartitionService().getPartitionCount());
    List<CompletableFuture<Object>> answers = new ArrayList<>();
    for (Member member : nodeEngine.getClusterService().getMembers()) {
      answers.add(nodeEngine.getOperationService().invokeOnTarget(MapService.SERVICE_NAME,
          new MapGetInvalidationMetaDataOperation(mapNames), member.getAddress()));
    }
    for (CompletableFuture<Object> answer : answers) {
      var response = (MapGetInvalidationMetaDataOperation.MetaDataResponse) NumbersTally.awaited(answer, patience);
      tally.answer(response.getPartitionUuidList().entrySet(), response.getNamePartitionSequenceList().entrySet());
    }
    return tally.numbers();
  }

  @Override
  public int partitions() {
    return nodeEngine.getPartitionService().getPartitionCount();
  }
}
