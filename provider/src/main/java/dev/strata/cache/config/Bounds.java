package dev.strata.cache.config;

import java.time.Duration;
import java.util.Locale;

/**
 * What bounds one cache's memory and its callers' waits: L2's size per member and how it evicts,
 * L1's weight in bytes, and how long a {@code @CacheResult} caller waits for L2. Immutable.
 *
 * @param l2MaxSize  entries per member in L2 before Hazelcast evicts (approximate: Hazelcast evicts per partition)
 * @param l2Eviction which entries L2 evicts first
 * @param l1MaxBytes the most bytes L1 holds, weighed by the records' encoded size; 0 for no byte bound
 * @param l2Timeout  the longest a {@code @CacheResult} caller waits for L2 before it calls the method, counted
 *                   as degraded
 */
public record Bounds(int l2MaxSize, Eviction l2Eviction, long l1MaxBytes, Duration l2Timeout) {

  /** How L2 chooses what to evict at its bound. */
  public enum Eviction {
    /** The least recently used entry. */
    LRU,
    /** The least frequently used entry. */
    LFU
  }

  public static final String L2_MAX_SIZE = "l2.max-size";
  public static final String L2_EVICTION = "l2.eviction";
  public static final String L1_MAX_BYTES = "l1.max-bytes";
  public static final String L2_TIMEOUT = "l2.timeout";

  /**
   * 100,000 entries per member: enough that a cache sized for its working set never evicts (at 1 KB a
   * value, 100 MB per member and as much again in backups), small enough that a cache keyed by
   * something unbounded (users, sessions, search terms) and written without a TTL stops growing long
   * before a member's heap runs out and takes every cache of the cluster down with it.
   */
  public static final int DEFAULT_L2_MAX_SIZE = 100_000;
  public static final Duration DEFAULT_L2_TIMEOUT = Duration.ofSeconds(2);

  /** @throws IllegalArgumentException naming the key, the value and what is allowed */
  static Bounds of(PropertySource source, String cacheName) {
    return new Bounds(
        source.positiveInt(CacheSettings.key(source, cacheName, L2_MAX_SIZE), DEFAULT_L2_MAX_SIZE),
        source.choice(CacheSettings.key(source, cacheName, L2_EVICTION), Eviction.class, Eviction.LRU),
        bytes(source, CacheSettings.key(source, cacheName, L1_MAX_BYTES)),
        source.positiveDuration(CacheSettings.key(source, cacheName, L2_TIMEOUT), DEFAULT_L2_TIMEOUT));
  }

  /** @return a size such as {@code 10MB}, {@code 512KB}, {@code 1GB} or {@code 1048576} (bytes), in bytes; 0 if unset */
  static long bytes(PropertySource source, String key) {
    String raw = source.raw(key);
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    String value = raw.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    for (String[] suffix : new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}}) {
      if (value.endsWith(suffix[0])) {
        unit = Long.parseLong(suffix[1]);
        value = value.substring(0, value.length() - suffix[0].length()).trim();
        break;
      }
    }
    try {
      long amount = Long.parseLong(value);
      if (amount > 0 && amount <= Long.MAX_VALUE / unit) {
        return amount * unit;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw PropertySource.invalid(key, raw, "a positive size in bytes, with KB, MB or GB if you like, such as 64MB");
  }
}
