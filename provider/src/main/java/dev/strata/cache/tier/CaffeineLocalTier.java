package dev.strata.cache.tier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Policy;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * L1 on a size-bounded Caffeine cache. A reservation is a pending {@link LocalValue} stored under
 * the key; a value is published by filling exactly that entry while the map still holds it, so an
 * invalidation that removed it wins. A generation counter voids reservations made before an {@link #invalidateAll} or during a
 * clear. Caffeine is bounded by size only: servability is checked by the cache on every read, and
 * asking Caffeine to expire entries as well would put a clock read and a timer-wheel update on
 * every hit, for memory the size bound already caps.
 *
 * <p>Recording a hit in Caffeine's policy (a read-buffer slot, later a frequency-sketch increment
 * and a reorder) costs as much as the rest of the hit. It only matters when entries are about to
 * be evicted, so while L1 holds less than three quarters of its bound one hit in {@link #SAMPLE}
 * is recorded, and from there on every hit is: a working set that fits is served at the speed of
 * a plain map, and one that does not gets Caffeine's full policy. Thread-safe.
 *
 * @param <K> the key type
 */
public final class CaffeineLocalTier<K> implements LocalTier<K> {

  /** While L1 is below {@link #pressure} entries, one hit in this many (a power of two) is recorded in Caffeine's policy. */
  static final int SAMPLE = 64;

  /** Raises {@link #trust}, which only a repair or a cluster change does. */
  private static final java.lang.invoke.VarHandle TRUST;

  static {
    try {
      TRUST = java.lang.invoke.MethodHandles.lookup().findVarHandle(CaffeineLocalTier.class, "trust", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int sampleMask;
  /** Whether L1 is bounded by weight ({@code l1.max-bytes}): a published entry is then weighed again. */
  private final boolean weighed;
  /** Three quarters of the bound: from here on every hit is recorded, as evictions are near. */
  private final long pressure;
  private volatile boolean recordEveryHit;

  private final Cache<K, Object> cache;
  private final Policy<K, Object> policy;
  private final ConcurrentMap<K, Object> map;
  private final AtomicLong generation = new AtomicLong();
  /**
   * Entries reserved before the last {@link #distrustAll} carry an older number, and are not vouched
   * for. A plain volatile field rather than an {@code AtomicLong}: every L1 hit reads it, and one
   * object fewer to reach costs the hit less; it is raised only on a repair or a cluster change.
   */
  private volatile long trust;
  private final AtomicInteger clearing = new AtomicInteger();

  private CaffeineLocalTier(Cache<K, Object> cache, long bound, int sample, boolean weighed) {
    this.weighed = weighed;
    this.sampleMask = sample - 1;
    this.pressure = bound - bound / 4L;
    this.cache = cache;
    this.policy = cache.policy();
    this.map = cache.asMap();
  }

  /** @return an L1 holding at most {@code maxSize} entries */
  public static <K> CaffeineLocalTier<K> create(int maxSize) {
    return create(maxSize, () -> { });
  }

  /** @return an L1 holding at most {@code maxSize} entries that tells {@code onEviction} of each entry it evicts to stay so */
  public static <K> CaffeineLocalTier<K> create(int maxSize, Runnable onEviction) {
    return create(maxSize, SAMPLE, onEviction);
  }

  /** @return an L1 holding at most {@code maxSize} entries that records one hit in {@code sample} (a power of two) */
  static <K> CaffeineLocalTier<K> create(int maxSize, int sample) {
    return create(maxSize, sample, () -> { });
  }

  /**
   * @param maxBytes the most bytes L1 holds, weighing each entry by {@link LocalValue#weight}; 0 to
   *     bound it by {@code maxSize} entries instead
   * @return an L1 that tells {@code onEviction} of each entry it evicts to stay within its bound
   */
  public static <K> CaffeineLocalTier<K> create(int maxSize, long maxBytes, Runnable onEviction) {
    if (maxBytes <= 0) {
      return create(maxSize, SAMPLE, onEviction);
    }
    Cache<K, Object> cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((K key, Object value) -> value instanceof LocalValue entry ? Math.max(1, entry.weight()) : 1)
        .executor(Runnable::run)
        .evictionListener(counting(onEviction))
        .build();
    return new CaffeineLocalTier<>(cache, maxBytes, SAMPLE, true);
  }

  private static <K> CaffeineLocalTier<K> create(int maxSize, int sample, Runnable onEviction) {
    if (Integer.bitCount(sample) != 1) {
      throw new IllegalArgumentException("The L1 sample rate must be a power of two, got " + sample);
    }
    // upkeep (read-buffer drains, evictions) runs on the calling thread: handing it to a pool costs
    // the reader a thread wake-up and the cores a cache-line tug of war over the nodes it reorders
    Cache<K, Object> cache = Caffeine.newBuilder()
        .maximumSize(maxSize)
        .executor(Runnable::run)
        .evictionListener(counting(onEviction))
        .build();
    return new CaffeineLocalTier<>(cache, maxSize, sample, false);
  }

  /** @return a listener that tells {@code onEviction} of each published entry evicted for the bound (a reservation is not an entry) */
  private static <K> com.github.benmanes.caffeine.cache.RemovalListener<K, Object> counting(Runnable onEviction) {
    return (K key, Object value, RemovalCause cause) -> {
      if (cause == RemovalCause.SIZE && value instanceof LocalValue entry && entry.published()) {
        onEviction.run();
      }
    };
  }

  @Override
  public LocalValue get(K key) {
    Object found = recordEveryHit || (ThreadLocalRandom.current().nextInt() & sampleMask) == 0
        ? cache.getIfPresent(key)
        : policy.getIfPresentQuietly(key);
    return found instanceof LocalValue value && value.published() ? value : null;
  }

  @Override
  public Object reserve(K key) {
    if (clearing.get() > 0) {
      return null;
    }
    LocalValue token = LocalValue.pending(generation.get(), trust);
    Object previous = map.putIfAbsent(key, token);
    if (previous == null) {
      notePressure();
      return token;
    }
    // an entry that may no longer be served is replaced by the reservation; a pending one is another reader's
    if (previous instanceof LocalValue entry && entry.published() && map.replace(key, previous, token)) {
      return token;
    }
    return null;
  }

  /** Called on each new entry: hits are sampled while L1 is well below its bound, all recorded near it. */
  private void notePressure() {
    boolean near = (weighed ? weightedSize() : cache.estimatedSize()) >= pressure;
    if (near != recordEveryHit) {
      recordEveryHit = near;
    }
  }

  /** @return whether every hit is recorded in Caffeine's policy now, rather than a sample */
  boolean recordsEveryHit() {
    return recordEveryHit;
  }

  @Override
  public void publish(K key, Object token, LocalValue value) {
    LocalValue reservation = (LocalValue) token;
    if (reservation.generation != generation.get() || clearing.get() > 0) {
      map.remove(key, token);
      return;
    }
    // an invalidation that removed the reservation wins: the value then fills an entry nobody can reach
    if (policy.getIfPresentQuietly(key) == reservation) {
      reservation.fill(value);
      if (weighed) {
        // Caffeine weighed the reservation, empty: put it again, filled, so that the byte bound sees the value
        map.replace(key, reservation, reservation);
        notePressure();
      }
    }
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
  public void distrustAll() {
    TRUST.getAndAdd(this, 1L);
  }

  @Override
  public boolean vouches(LocalValue entry) {
    return entry.trust == trust;
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
  public long weightedSize() {
    return weighed ? policy.eviction().map(e -> e.weightedSize().orElse(-1)).orElse(-1L) : -1;
  }

  @Override
  public boolean enabled() {
    return true;
  }
}
