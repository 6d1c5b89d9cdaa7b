package dev.strata.cache;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.strata.cache.internal.HazelcastFactory;
import dev.strata.cache.tier.GroupIndex;
import java.net.URI;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tag invalidation in the caches of a URI that this JVM has not opened: another JVM tagged entries
 * in them. The tag's index is read and its entries removed in L2 directly; every JVM with the cache
 * open drops them from its L1 as it hears of the removals. Listeners of those caches hear nothing:
 * their events come from the JVM that makes a change through its own cache object. Thread-safe.
 */
final class ClusterTags {

  private final URI uri;
  private final HazelcastInstance instance;

  ClusterTags(URI uri, HazelcastInstance instance) {
    this.uri = uri;
    this.instance = instance;
  }

  /** @return the names of this URI's caches that any JVM has tagged entries in */
  Set<String> taggedCaches() {
    String prefix = HazelcastFactory.TAGS_PREFIX + uri + "/";
    Set<String> names = new TreeSet<>();
    for (DistributedObject object : instance.getDistributedObjects()) {
      if (object instanceof IMap<?, ?> && object.getName().startsWith(prefix)) {
        names.add(object.getName().substring(prefix.length()));
      }
    }
    return names;
  }

  /** @return how many entries of {@code cacheName} tagged {@code tag} it removed */
  long invalidate(String cacheName, String tag) {
    GroupIndex index = new GroupIndex(cacheName, instance, HazelcastFactory.TAGS_PREFIX + uri + "/" + cacheName, null,
        L2UnavailableException::new);
    IMap<byte[], byte[]> entries = instance.getMap(HazelcastFactory.MAP_PREFIX + uri + "/" + cacheName);
    long removed = 0;
    for (Object tierKey : index.takeTagged(tag)) {
      removed += entries.remove((byte[]) tierKey) != null ? 1 : 0;
    }
    return removed;
  }
}
