package dev.strata.cache.tier;

import com.hazelcast.config.IndexType;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import javax.cache.CacheException;

/**
 * The cluster-side indexes that let a cache invalidate a group of entries at a cost that grows
 * with the group, not with the cache: the entries carrying a tag, and (for {@code String}-keyed
 * caches that ask for it) the keys under a prefix. Both are plain Hazelcast maps of strings with a
 * Hazelcast index, queried on the members, so members need no application class and only the
 * matching keys travel.
 *
 * <ul>
 *   <li>Tags: key {@code <tag> NUL <base64 of the L2 key>}, value the tag, a hash index on the value.
 *   <li>Keys: key the application's {@code String} key, a sorted index on the key, queried as a range.
 * </ul>
 *
 * <p>Order makes the index safe without a lock: a write changes L2 first and the index second; an
 * invalidation deletes the index entry first and the L2 entry second. Whichever way the two
 * interleave, an entry that survives an invalidation of its tag still has its index entry, so the
 * next invalidation finds it. An index entry may outlive its L2 entry (removed, or written again
 * without the tag) until the entry's expiry or the next invalidation: that costs a removal of
 * nothing, never a stale read. Thread-safe.
 */
public final class GroupIndex {

  private static final char SEPARATOR = '\u0000';

  private final String cacheName;
  private final HazelcastInstance instance;
  private final String tagsName;
  private final String keysName;
  private final BiFunction<String, RuntimeException, ? extends CacheException> unavailable;
  private volatile IMap<String, String> tags;
  private volatile IMap<String, Boolean> keys;

  /**
   * @param keysName    the key index's map, or null when the cache does not index its keys
   * @param unavailable the exception a failed Hazelcast call becomes
   */
  public GroupIndex(String cacheName, HazelcastInstance instance, String tagsName, String keysName,
                    BiFunction<String, RuntimeException, ? extends CacheException> unavailable) {
    this.cacheName = cacheName;
    this.instance = instance;
    this.tagsName = tagsName;
    this.keysName = keysName;
    this.unavailable = unavailable;
  }

  /** @return the tag index, made on first use with its Hazelcast index: a cache that never tags costs nothing */
  private IMap<String, String> tags() {
    IMap<String, String> map = tags;
    if (map == null) {
      synchronized (this) {
        if (tags == null) {
          IMap<String, String> made = instance.getMap(tagsName);
          made.addIndex(IndexType.HASH, "this");
          tags = made;
        }
        map = tags;
      }
    }
    return map;
  }

  private IMap<String, Boolean> keys() {
    IMap<String, Boolean> map = keys;
    if (map == null) {
      synchronized (this) {
        if (keys == null) {
          IMap<String, Boolean> made = instance.getMap(keysName);
          made.addIndex(IndexType.SORTED, "__key");
          keys = made;
        }
        map = keys;
      }
    }
    return map;
  }

  /** @return whether this cache indexes its keys for prefix invalidation */
  public boolean indexesKeys() {
    return keysName != null;
  }

  /**
   * Records that the entry of {@code tierKey}, just written, carries {@code entryTags}.
   *
   * @param ttlMillis how long the entry lives, 0 for ever: the index entry lives as long
   */
  public void tag(Object tierKey, Collection<String> entryTags, long ttlMillis) {
    String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString((byte[]) tierKey);
    try {
      for (String tag : entryTags) {
        tags().set(tag + SEPARATOR + encoded, tag, ttlMillis, TimeUnit.MILLISECONDS);
      }
    } catch (RuntimeException e) {
      throw failure("index the tags " + entryTags, e);
    }
  }

  /** Records a {@code String} key just written. */
  public void key(String key, long ttlMillis) {
    try {
      keys().set(key, Boolean.TRUE, ttlMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      throw failure("index the key '" + key + "'", e);
    }
  }

  /** @return the L2 keys of the entries tagged {@code tag}, whose index entries are deleted now */
  public List<Object> takeTagged(String tag) {
    try {
      List<Object> found = new ArrayList<>();
      IMap<String, String> index = tags();
      for (String indexKey : index.keySet(Predicates.equal("this", tag))) {
        index.delete(indexKey);
        found.add(Base64.getUrlDecoder().decode(indexKey.substring(indexKey.lastIndexOf(SEPARATOR) + 1)));
      }
      return found;
    } catch (RuntimeException e) {
      throw failure("look up the tag '" + tag + "'", e);
    }
  }

  /** @return the keys under {@code prefix}, whose index entries are deleted now */
  public List<String> takeUnder(String prefix) {
    try {
      List<String> found = new ArrayList<>();
      IMap<String, Boolean> index = keys();
      for (String key : index.keySet(Predicates.and(Predicates.greaterEqual("__key", prefix),
          Predicates.lessThan("__key", prefix + Character.MAX_VALUE)))) {
        if (key.startsWith(prefix)) {
          index.delete(key);
          found.add(key);
        }
      }
      return found;
    } catch (RuntimeException e) {
      throw failure("look up the keys under '" + prefix + "'", e);
    }
  }

  /**
   * Forgets every index entry, as the cache is cleared, if this JVM has used the index: entries
   * another JVM indexed and this one never touched stay, and cost a removal of nothing later.
   */
  public void clear() {
    try {
      if (tags != null) {
        tags.clear();
      }
      if (keys != null) {
        keys.clear();
      }
    } catch (RuntimeException e) {
      throw failure("clear its group indexes", e);
    }
  }

  /** Frees the index maps for good, as the cache is destroyed. */
  public void destroy() {
    instance.getMap(tagsName).destroy();
    if (keysName != null) {
      instance.getMap(keysName).destroy();
    }
  }

  private CacheException failure(String action, RuntimeException e) {
    return unavailable.apply("Cache '" + cacheName + "' could not " + action + " in Hazelcast (map " + tagsName
        + "): " + e.getClass().getSimpleName() + ": " + e.getMessage() + ". Check that the cluster's members are running "
        + "and reachable", e);
  }
}
