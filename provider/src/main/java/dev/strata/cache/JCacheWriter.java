package dev.strata.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * A cache's write-through {@link CacheWriter}, or a disabled one that writes nothing: the same
 * calls work either way. Failures reach the caller as the spec's {@link CacheWriterException},
 * naming the cache. Thread-safe if the writer is.
 */
final class JCacheWriter<K, V> {

  private final String cacheName;
  private final CacheWriter<K, V> writer;

  private JCacheWriter(String cacheName, CacheWriter<K, V> writer) {
    this.cacheName = cacheName;
    this.writer = writer;
  }

  @SuppressWarnings("unchecked")
  static <K, V> JCacheWriter<K, V> of(String cacheName, CompleteConfiguration<K, V> configuration) {
    CacheWriter<K, V> writer = configuration.isWriteThrough() && configuration.getCacheWriterFactory() != null
        ? (CacheWriter<K, V>) configuration.getCacheWriterFactory().create() : null;
    return new JCacheWriter<>(cacheName, writer);
  }

  /** @return whether writes go through to a writer: they then run under the key's lock, so it is called once */
  boolean active() {
    return writer != null;
  }

  void write(K key, V value) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(new StrataCacheEntry<>(key, value));
    } catch (Exception e) {
      throw failure(e);
    }
  }

  void delete(K key) {
    if (writer == null) {
      return;
    }
    try {
      writer.delete(key);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  /**
   * Writes a batch; on failure, {@code entries} keeps only what was written, as the writer left
   * its batch.
   *
   * @return the failure, or null
   */
  CacheWriterException writeAll(Map<? extends K, ? extends V> entries, Map<K, ?> written) {
    if (writer == null) {
      return null;
    }
    List<Cache.Entry<? extends K, ? extends V>> batch = new ArrayList<>();
    entries.forEach((key, value) -> batch.add(new StrataCacheEntry<>(key, value)));
    try {
      writer.writeAll(batch);
      return null;
    } catch (Exception e) {
      for (Cache.Entry<? extends K, ? extends V> notWritten : batch) {
        written.remove(notWritten.getKey());
      }
      return failure(e);
    }
  }

  /**
   * Deletes a batch; on failure, {@code deleted} keeps only what was deleted.
   *
   * @param always whether to call the writer for an empty batch
   * @return the failure, or null
   */
  CacheWriterException deleteAll(Collection<K> keys, Collection<K> deleted, boolean always) {
    if (writer == null || (!always && keys.isEmpty())) {
      return null;
    }
    List<Object> batch = new ArrayList<>(keys);
    try {
      writer.deleteAll(batch);
      return null;
    } catch (Exception e) {
      deleted.removeAll(new java.util.HashSet<>(batch));
      return failure(e);
    }
  }

  private CacheWriterException failure(Exception e) {
    return e instanceof CacheWriterException cwe ? cwe
        : new CacheWriterException("The CacheWriter of cache '" + cacheName + "' failed: " + e, e);
  }

  /** @return the writer, for closing it with the cache; null if none */
  Object resource() {
    return writer;
  }
}
