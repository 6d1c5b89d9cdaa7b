package dev.strata.cache.tier;

import dev.strata.cache.copy.CopyStrategy;

/**
 * What L1 holds for a key: the value or the L2 record, with the {@link CopyStrategy} that says how
 * a caller gets it (the value itself when nothing about it can change, a clone or shallow copy of
 * a private instance, or the record decoded afresh); and the instant after which L1 must not
 * serve it any more, {@code min(expiresAt, readStart + maxStaleness)}, on the monotonic clock
 * ({@code Clock.nanos}).
 *
 * <p>An L1 entry is created pending, as the reservation a reader takes before its L2 read, and is
 * filled once by that reader's publish; a pending entry is never served. Filling the entry the map
 * already holds, rather than replacing it with a new object, keeps it beside the map's own nodes
 * in memory (all three are allocated together), so a hit touches one cache line fewer. A value
 * filled into an entry that an invalidation already removed is simply never seen. Values read by
 * {@link #value()} after {@link #servable(long)} returned true are the filled ones.
 */
public final class LocalValue {

  final long generation;
  /** The L1's trust number when the key was reserved; see {@link LocalTier#distrustAll}. */
  final long trust;
  private Object value;
  private CopyStrategy strategy;
  /** For a store-by-reference cache, the L2 record {@link #value()} is the instance of; else null. */
  private Object record;
  /** 0 while pending; written last, so a reader that sees it also sees the value. */
  private volatile long serveUntil;
  /** When the record was written (epoch ms, the writer's clock), for refresh-ahead; 0 if unknown. */
  private long writtenAt;
  /** What the entry weighs for {@code l1.max-bytes}: its record's encoded size plus the entry's own overhead. */
  private int weight;

  /** A published entry, as a cache hands it to {@link LocalTier#publish}. */
  public LocalValue(Object value, CopyStrategy strategy, long serveUntil) {
    this(value, strategy, serveUntil, null, 0);
  }

  /**
   * A published entry of a store-by-reference cache: {@code value} is the very instance callers
   * get, and {@code record} the L2 record it stands for, so that an old value L2 hands back can be
   * recognised as this instance.
   */
  public LocalValue(Object value, CopyStrategy strategy, long serveUntil, Object record, long writtenAt) {
    this(value, strategy, serveUntil, record, writtenAt, 0);
  }

  /** As above, weighing {@code weight} bytes in an L1 bounded by bytes. */
  public LocalValue(Object value, CopyStrategy strategy, long serveUntil, Object record, long writtenAt, int weight) {
    this.weight = weight;
    this.writtenAt = writtenAt;
    this.generation = 0;
    this.trust = 0;
    this.value = value;
    this.strategy = strategy;
    this.record = record;
    this.serveUntil = serveUntil;
  }

  private LocalValue(long generation, long trust) {
    this.generation = generation;
    this.trust = trust;
  }

  /** @return a pending entry, a reservation made in L1 generation {@code generation}, under trust number {@code trust} */
  static LocalValue pending(long generation, long trust) {
    return new LocalValue(generation, trust);
  }

  /** Fills a pending entry with what was read; called once, by the reader that reserved it. */
  void fill(LocalValue read) {
    value = read.value;
    strategy = read.strategy;
    record = read.record;
    writtenAt = read.writtenAt;
    weight = read.weight;
    serveUntil = read.serveUntil;
  }

  /** @return whether this entry has been filled */
  boolean published() {
    return serveUntil != 0;
  }

  /** @return whether L1 may serve this entry at {@code now}, a reading of the monotonic clock ({@code Clock.nanos}) */
  public boolean servable(long now) {
    return now < serveUntil;
  }

  /** @return the value, or the L2 record as the remote tier returned it when the strategy is {@link CopyStrategy#DECODE} */
  public Object value() {
    return value;
  }

  /** @return the L2 record a store-by-reference entry's instance stands for, or null */
  public Object record() {
    return record;
  }

  /** @return when the record this entry holds was written (epoch ms, the writer's clock), or 0 if unknown */
  public long writtenAt() {
    return writtenAt;
  }

  /** @return what this entry weighs in an L1 bounded by bytes; 0 while pending or unweighed */
  public int weight() {
    return weight;
  }

  /** @return how a caller gets {@link #value()} */
  public CopyStrategy strategy() {
    return strategy;
  }
}
