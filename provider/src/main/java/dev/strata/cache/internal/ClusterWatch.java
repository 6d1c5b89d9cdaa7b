package dev.strata.cache.internal;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches a Hazelcast instance for the moments when entry events may have been lost — a member
 * joined or left, partitions migrated or were lost, a client lost or regained its connection, a
 * split brain merged — and then drops every registered L1, since any of them may hold a value
 * whose invalidation never arrived. Thread-safe.
 */
public final class ClusterWatch {

  private static final System.Logger LOG = System.getLogger(ClusterWatch.class.getName());

  private final Set<Runnable> droppers = ConcurrentHashMap.newKeySet();
  private volatile boolean connected = true;

  private ClusterWatch() {
  }

  /** Starts watching {@code instance}. */
  public static ClusterWatch attach(HazelcastInstance instance) {
    ClusterWatch watch = new ClusterWatch();
    instance.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        watch.dropAll("member added " + event.getMember().getAddress());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        watch.dropAll("member removed " + event.getMember().getAddress());
      }
    });
    instance.getLifecycleService().addLifecycleListener(event -> {
      LifecycleState state = event.getState();
      if (state == LifecycleState.CLIENT_DISCONNECTED) {
        watch.connected = false;
      } else if (state == LifecycleState.CLIENT_CONNECTED) {
        watch.connected = true;
      }
      // a stopping instance hears no more invalidations, so its L1s must not outlive it
      if (state == LifecycleState.CLIENT_DISCONNECTED || state == LifecycleState.CLIENT_CONNECTED
          || state == LifecycleState.MERGED || state == LifecycleState.CLIENT_CHANGED_CLUSTER
          || state == LifecycleState.SHUTTING_DOWN) {
        watch.dropAll("lifecycle " + state);
      }
    });
    try {
      instance.getPartitionService().addMigrationListener(new MigrationListener() {
        @Override
        public void migrationStarted(MigrationState state) {
        }

        @Override
        public void migrationFinished(MigrationState state) {
          watch.dropAll("migration finished");
        }

        @Override
        public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
        }

        @Override
        public void replicaMigrationFailed(ReplicaMigrationEvent event) {
          watch.dropAll("replica migration failed");
        }
      });
      instance.getPartitionService().addPartitionLostListener(event -> watch.dropAll("partition lost " + event.getPartitionId()));
    } catch (UnsupportedOperationException clientHasNoMigrationEvents) {
      // clients hear about membership and reconnects only, which covers what they can miss
    }
    return watch;
  }

  /** @return false while a client is disconnected from its cluster; members are always connected */
  public boolean connected() {
    return connected;
  }

  /** Registers an L1 to drop; returns a handle that unregisters it. */
  public AutoCloseable register(Runnable dropper) {
    droppers.add(dropper);
    return () -> droppers.remove(dropper);
  }

  private void dropAll(String why) {
    LOG.log(Level.DEBUG, "l1.drop reason={0} caches={1}", why, droppers.size());
    for (Runnable dropper : droppers) {
      dropper.run();
    }
  }
}
