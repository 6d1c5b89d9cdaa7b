package dev.strata.cache.tier;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps what a stream delivered, for the stream contract tests; thread-safe. */
final class RecordingSink implements InvalidationStream.Sink {

  /** One delivered change; tier keys in these tests are {@code byte[]}. */
  record Delivered(byte[] key, boolean own, int partition, UUID uuid, long sequence) {
  }

  final List<Delivered> delivered = new CopyOnWriteArrayList<>();
  final List<String> cleared = new CopyOnWriteArrayList<>();

  @Override
  public void changed(Object tierKey, boolean ownChange, int partition, UUID partitionUuid, long sequence) {
    delivered.add(new Delivered((byte[]) tierKey, ownChange, partition, partitionUuid, sequence));
  }

  @Override
  public void changedAll() {
    cleared.add("all");
  }
}
