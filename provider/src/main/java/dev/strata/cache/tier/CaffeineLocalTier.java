package dev.strata.cache.tier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * L1 on a size-bounded Caffeine cache. A reservation is a token object stored under the key; a
 * value is published by replacing exactly that token, so an invalidation that removed the token
 * wins. A generation counter voids reservations made before an {@link #invalidateAll} or during a
 * clear. Caffeine is bounded by size only: servability is checked by the cache on every read, and
 * asking Caffeine to expire entries as well would put a clock read and a timer-wheel update on
 * every hit, for memory the size bound already caps. Thread-safe.
 *
 * @param <K> the key type
 */
public final class CaffeineLocalTier<K> implements LocalTier<K> {

  private final ConcurrentMap<K, Object> map;
  private final AtomicLong generation = new AtomicLong();
  private final AtomicInteger clearing = new AtomicInteger();

  private CaffeineLocalTier(ConcurrentMap<K, Object> map) {
    this.map = map;
  }

  /** @return an L1 holding at most {@code maxSize} entries */
  public static <K> CaffeineLocalTier<K> create(int maxSize) {
    // Caffeine's default executor: its upkeep (read-buffer drains, evictions) runs off the reading thread
    Cache<K, Object> cache = Caffeine.newBuilder()
        .maximumSize(maxSize)
        .build();
    return new CaffeineLocalTier<>(cache.asMap());
  }

  @Override
  public LocalValue get(K key) {
    return map.get(key) instanceof LocalValue value ? value : null;
  }

  @Override
  public Object reserve(K key) {
    if (clearing.get() > 0) {
      return null;
    }
    Reservation token = new Reservation(generation.get());
    Object previous = map.putIfAbsent(key, token);
    if (previous == null) {
      return token;
    }
    // an entry that may no longer be served is replaced by the reservation
    if (previous instanceof LocalValue && map.replace(key, previous, token)) {
      return token;
    }
    return null;
  }

  @Override
  public void publish(K key, Object token, LocalValue value) {
    Reservation reservation = (Reservation) token;
    if (reservation.generation != generation.get() || clearing.get() > 0) {
      map.remove(key, token);
      return;
    }
    map.replace(key, token, value);
  }

  @Override
  public void cancel(K key, Object token) {
    if (token != null) {
      map.remove(key, token);
    }
  }

  @Override
  public void invalidate(K key) {
    map.remove(key);
  }

  @Override
  public void invalidateAll() {
    generation.incrementAndGet();
    map.clear();
  }

  @Override
  public void beginClear() {
    clearing.incrementAndGet();
    invalidateAll();
  }

  @Override
  public void endClear() {
    invalidateAll();
    clearing.decrementAndGet();
  }

  @Override
  public long size() {
    return map.size();
  }

  @Override
  public boolean enabled() {
    return true;
  }

  /** A pending L2 read; identity is what matters. */
  private static final class Reservation {
    final long generation;

    Reservation(long generation) {
      this.generation = generation;
    }
  }
}
