package dev.strata.cache.tier;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.map.listener.MapClearedListener;
import com.hazelcast.map.listener.MapEvictedListener;
import dev.strata.cache.internal.Record;

/**
 * Hears every change of a {@link HazelcastTier}'s map, with values, and tells its
 * {@link RemoteTier.Changes} who wrote each record and when: every kind of map event becomes "this
 * key changed" or "everything changed". Called on Hazelcast's event threads.
 */
final class ChangeListener implements EntryAddedListener<byte[], byte[]>,
    EntryUpdatedListener<byte[], byte[]>, EntryRemovedListener<byte[], byte[]>,
    EntryEvictedListener<byte[], byte[]>, EntryExpiredListener<byte[], byte[]>,
    MapClearedListener, MapEvictedListener {

  private final RemoteTier.Changes changes;
  private final long origin;

  ChangeListener(RemoteTier.Changes changes, long origin) {
    this.changes = changes;
    this.origin = origin;
  }

  /** A write: the new record names its writer and the instant it was written. */
  private void written(EntryEvent<byte[], byte[]> event) {
    byte[] record = event.getValue();
    if (record == null) {
      changes.changed(event.getKey(), 0, false);
      return;
    }
    changes.changed(event.getKey(), Record.writtenAt(record), Record.origin(record) == origin);
  }

  @Override
  public void entryAdded(EntryEvent<byte[], byte[]> event) {
    written(event);
  }

  @Override
  public void entryUpdated(EntryEvent<byte[], byte[]> event) {
    written(event);
  }

  @Override
  public void entryRemoved(EntryEvent<byte[], byte[]> event) {
    changes.changed(event.getKey(), 0, false);
  }

  @Override
  public void entryEvicted(EntryEvent<byte[], byte[]> event) {
    changes.changed(event.getKey(), 0, false);
  }

  @Override
  public void entryExpired(EntryEvent<byte[], byte[]> event) {
    changes.changed(event.getKey(), 0, false);
  }

  @Override
  public void mapCleared(MapEvent event) {
    changes.changedAll();
  }

  @Override
  public void mapEvicted(MapEvent event) {
    changes.changedAll();
  }
}
