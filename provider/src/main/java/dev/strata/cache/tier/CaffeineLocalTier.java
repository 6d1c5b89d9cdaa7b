package dev.strata.cache.tier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.strata.cache.internal.Clock;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * L1 on a size-bounded Caffeine cache. A reservation is a token object stored under the key; a
 * value is published by replacing exactly that token, so an invalidation that removed the token
 * wins. A generation counter voids reservations made before an {@link #invalidateAll} or during a
 * clear. Caffeine's own expiry only frees memory; servability is checked against the injected
 * clock on every read. Thread-safe.
 *
 * @param <K> the key type
 */
public final class CaffeineLocalTier<K> implements LocalTier<K> {

  private final ConcurrentMap<K, Object> map;
  private final Clock clock;
  private final AtomicLong generation = new AtomicLong();
  private final AtomicInteger clearing = new AtomicInteger();

  private CaffeineLocalTier(ConcurrentMap<K, Object> map, Clock clock) {
    this.map = map;
    this.clock = clock;
  }

  /** @return an L1 holding at most {@code maxSize} entries */
  public static <K> CaffeineLocalTier<K> create(int maxSize, Clock clock) {
    Cache<K, Object> cache = Caffeine.newBuilder()
        .maximumSize(maxSize)
        .expireAfter(new FreeAfterServeUntil(clock))
        .executor(Runnable::run)
        .build();
    return new CaffeineLocalTier<>(cache.asMap(), clock);
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

  /** Lets Caffeine free an entry once it may no longer be served; reservations live until replaced. */
  private static final class FreeAfterServeUntil implements Expiry<Object, Object> {
    private final Clock clock;

    FreeAfterServeUntil(Clock clock) {
      this.clock = clock;
    }

    private long nanosLeft(Object value) {
      if (value instanceof LocalValue local) {
        long millis = local.serveUntil() - clock.millis();
        return millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(Math.min(millis, TimeUnit.DAYS.toMillis(365)));
      }
      return TimeUnit.MINUTES.toNanos(10); // a reservation outliving its reader is an error: free it eventually
    }

    @Override
    public long expireAfterCreate(Object key, Object value, long currentTime) {
      return nanosLeft(value);
    }

    @Override
    public long expireAfterUpdate(Object key, Object value, long currentTime, long currentDuration) {
      return nanosLeft(value);
    }

    @Override
    public long expireAfterRead(Object key, Object value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
