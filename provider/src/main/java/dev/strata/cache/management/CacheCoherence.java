package dev.strata.cache.management;

import java.util.function.LongSupplier;

/** The {@link CoherenceMXBean} of one cache, read from its counters. Thread-safe. */
public final class CacheCoherence implements CoherenceMXBean {

  private final CacheCounters counters;
  private final LongSupplier rejectedPayloads;

  public CacheCoherence(CacheCounters counters, LongSupplier rejectedPayloads) {
    this.counters = counters;
    this.rejectedPayloads = rejectedPayloads;
  }

  @Override
  public long getInvalidationsReceived() {
    return counters.invalidationsReceived();
  }

  @Override
  public long getL1Drops() {
    return counters.l1Drops();
  }

  @Override
  public long getL1DropsOnClusterChange() {
    return counters.clusterDrops();
  }

  @Override
  public long getStaleHitsRefused() {
    return counters.staleHitsRefused();
  }

  @Override
  public long getInvalidationLagCount() {
    return counters.invalidationLag().count();
  }

  @Override
  public long getInvalidationLagP50() {
    return counters.invalidationLag().percentile(0.5);
  }

  @Override
  public long getInvalidationLagP99() {
    return counters.invalidationLag().percentile(0.99);
  }

  @Override
  public long getInvalidationLagMax() {
    return counters.invalidationLag().max();
  }

  @Override
  public long getRejectedPayloads() {
    return rejectedPayloads.getAsLong();
  }
}
