package dev.strata.cache.tier;

import com.hazelcast.client.impl.clientside.HazelcastClientInstanceImpl;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.client.impl.protocol.codec.MapAddNearCacheInvalidationListenerCodec;
import com.hazelcast.client.impl.protocol.codec.MapFetchNearCacheInvalidationMetadataCodec;
import com.hazelcast.client.impl.protocol.codec.MapRemoveEntryListenerCodec;
import com.hazelcast.client.impl.spi.EventHandler;
import com.hazelcast.client.impl.spi.impl.ClientInvocation;
import com.hazelcast.client.impl.spi.impl.ListenerMessageCodec;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.memberselector.MemberSelectors;
import com.hazelcast.core.EntryEventType;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The numbered invalidation stream of a Hazelcast client, through the client protocol's public
 * near-cache messages: the members push each change of a key of the map, numbered per partition
 * under the partition's UUID, key only ({@code MapAddNearCacheInvalidationListener}), and answer for
 * their numbers when asked ({@code MapFetchNearCacheInvalidationMetadata}). The members need no
 * Strata class: a plain Hazelcast cluster serves both. They should send invalidations as they happen
 * ({@code hazelcast.map.invalidation.batch.enabled=false}); batched, they arrive up to seconds late
 * and the lease lapses meanwhile, sending reads to L2. Thread-safe.
 *
 * <p>The Java classes that build and read these messages are Hazelcast's client internals; they are
 * confined to this class, and {@code ClientInvalidationsTest} fails on an upgrade that changes them.
 */
final class ClientInvalidations implements InvalidationStream {

  private final HazelcastClientInstanceImpl client;
  private final String mapName;
  private final Duration patience;

  private ClientInvalidations(HazelcastClientInstanceImpl client, String mapName, Duration patience) {
    this.client = client;
    this.mapName = mapName;
    this.patience = patience;
  }

  /**
   * @param patience how long to wait for the members' numbers
   * @return the stream of map {@code mapName}, or null if {@code instance} is not a client
   */
  static InvalidationStream of(HazelcastInstance instance, String mapName, Duration patience) {
    return instance instanceof HazelcastClientProxy proxy ? new ClientInvalidations(proxy.client, mapName, patience)
        : null;
  }

  @Override
  public AutoCloseable open(Sink sink) {
    AtomicInteger readers = NumbersTally.readers(client.getName(), mapName);
    readers.incrementAndGet();
    UUID id;
    try {
      // the listener service registers on every member (or on the one connected) and again after a reconnect,
      // and what was pushed while it was away shows as numbers the lease has not heard; a client's UUID is
      // its own for its whole life, reconnects included
      id = client.getListenerService().registerListener(codec(), new Handler(sink, readers,
          client.getLocalEndpoint().getUuid()));
    } catch (RuntimeException e) {
      readers.decrementAndGet();
      throw e;
    }
    return () -> {
      client.getListenerService().deregisterListener(id);
      readers.decrementAndGet();
    };
  }

  private ListenerMessageCodec codec() {
    return new ListenerMessageCodec() {
      @Override
      public ClientMessage encodeAddRequest(boolean localOnly) {
        return MapAddNearCacheInvalidationListenerCodec.encodeRequest(mapName, EntryEventType.INVALIDATION.getType(),
            localOnly);
      }

      @Override
      public UUID decodeAddResponse(ClientMessage message) {
        return MapAddNearCacheInvalidationListenerCodec.decodeResponse(message);
      }

      @Override
      public ClientMessage encodeRemoveRequest(UUID registration) {
        return MapRemoveEntryListenerCodec.encodeRequest(mapName, registration);
      }

      @Override
      public boolean decodeRemoveResponse(ClientMessage message) {
        return MapRemoveEntryListenerCodec.decodeResponse(message);
      }
    };
  }

  /** Delivers the members' pushes to the sink, on the client's event threads, in order per partition. */
  private final class Handler extends MapAddNearCacheInvalidationListenerCodec.AbstractEventHandler
      implements EventHandler<ClientMessage> {

    private final Sink sink;
    private final AtomicInteger readers;
    private final UUID self;

    Handler(Sink sink, AtomicInteger readers, UUID self) {
      this.sink = sink;
      this.readers = readers;
      this.self = self;
    }

    @Override
    public void handleIMapInvalidationEvent(Data key, UUID sourceUuid, UUID partitionUuid, long sequence) {
      if (Boolean.getBoolean(MemberInvalidations.LOSE_PROPERTY)) {
        return;
      }
      boolean own = readers.get() == 1 && self.equals(sourceUuid);
      if (key == null) {
        // a clear: numbered in the partition of the map's name
        sink.changedAll();
        sink.changed(null, own, client.getClientPartitionService().getPartitionId(mapName), partitionUuid, sequence);
        return;
      }
      sink.changed(client.getSerializationService().toObject(key), own,
          client.getClientPartitionService().getPartitionId(key), partitionUuid, sequence);
    }

    @Override
    public void handleIMapBatchInvalidationEvent(Collection<Data> keys, Collection<UUID> sourceUuids,
                                                 Collection<UUID> partitionUuids, Collection<Long> sequences) {
      Iterator<Data> key = keys.iterator();
      Iterator<UUID> source = sourceUuids.iterator();
      Iterator<UUID> partition = partitionUuids.iterator();
      Iterator<Long> sequence = sequences.iterator();
      while (key.hasNext() && source.hasNext() && partition.hasNext() && sequence.hasNext()) {
        handleIMapInvalidationEvent(key.next(), source.next(), partition.next(), sequence.next());
      }
    }
  }

  @Override
  public Map<String, Numbers> numbers(Collection<String> mapNames) {
    List<String> names = List.copyOf(mapNames);
    NumbersTally tally = new NumbersTally(names, partitions());
    List<CompletableFuture<ClientMessage>> answers = new ArrayList<>();
    for (Member member : client.getClientClusterService().getMembers(MemberSelectors.DATA_MEMBER_SELECTOR)) {
      // addressed to each member; a member the client is not connected to is reached through one it is
      ClientMessage request = MapFetchNearCacheInvalidationMetadataCodec.encodeRequest(names, member.getUuid());
      answers.add(new ClientInvocation(client, request, null, member.getUuid()).invoke());
    }
    for (CompletableFuture<ClientMessage> answer : answers) {
      var response = MapFetchNearCacheInvalidationMetadataCodec.decodeResponse(NumbersTally.awaited(answer, patience));
      tally.answer(response.partitionUuidList, response.namePartitionSequenceList);
    }
    return tally.numbers();
  }

  @Override
  public String mapName() {
    return mapName;
  }

  @Override
  public int partitions() {
    return client.getClientPartitionService().getPartitionCount();
  }
}
