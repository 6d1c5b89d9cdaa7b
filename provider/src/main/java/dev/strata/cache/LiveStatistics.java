package dev.strata.cache;

import dev.strata.cache.tier.RepairingHandler;
import dev.strata.cache.tier.TieredStore;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The {@link CacheStatistics} of one cache: its counters, its tiers' sizes and its policy, read on demand. */
final class LiveStatistics implements CacheStatistics {

  private final Counters counters;
  private final TieredStore<?> store;
  private final RepairingHandler<?> repairing;
  private final LongSupplier rejectedPayloads;
  private final Supplier<CachePolicy> policy;

  LiveStatistics(Counters counters, TieredStore<?> store, RepairingHandler<?> repairing, LongSupplier rejectedPayloads,
                 Supplier<CachePolicy> policy) {
    this.counters = counters;
    this.store = store;
    this.repairing = repairing;
    this.rejectedPayloads = rejectedPayloads;
    this.policy = policy;
  }

  @Override
  public LeaseStatus lease() {
    dev.strata.cache.tier.Lease lease = repairing.lease();
    long nanos = repairing.nanos();
    long age = lease.streamed() ? lease.ageNanos(nanos) : -1;
    java.util.Map<String, Long> lapses = new java.util.LinkedHashMap<>();
    for (dev.strata.cache.tier.Lease.Cause cause : dev.strata.cache.tier.Lease.Cause.values()) {
      lapses.put(cause.name().toLowerCase(java.util.Locale.ROOT), lease.lapses(cause));
    }
    return new LeaseStatus(lease.streamed(), lease.holds(nanos), age < 0 ? -1 : age / 1_000_000L, lease.renewals(),
        java.util.Collections.unmodifiableMap(lapses), counters.leaseDrops(), counters.revalidatedKept(),
        counters.revalidatedDropped());
  }

  @Override
  public boolean enabled() {
    return counters.enabled();
  }

  @Override
  public long l1Hits() {
    return counters.l1Hits();
  }

  @Override
  public long l2Hits() {
    return counters.l2Hits();
  }

  @Override
  public long misses() {
    return counters.misses();
  }

  @Override
  public float averageGetMicros() {
    return counters.averageGetMicros();
  }

  @Override
  public Latency getLatency() {
    return counters.getLatency();
  }

  @Override
  public float averagePutMicros() {
    return counters.averagePutMicros();
  }

  @Override
  public float averageRemoveMicros() {
    return counters.averageRemoveMicros();
  }

  @Override
  public long puts() {
    return counters.puts();
  }

  @Override
  public long removals() {
    return counters.removals();
  }

  @Override
  public long evictions() {
    return counters.evictions();
  }

  @Override
  public long invalidationsReceived() {
    return counters.invalidations();
  }

  @Override
  public long l1Drops() {
    return counters.l1Drops();
  }

  @Override
  public long l1ClusterDrops() {
    return counters.clusterDrops();
  }

  @Override
  public long staleHitsRefused() {
    return counters.staleHitsRefused();
  }

  @Override
  public Lag invalidationLag() {
    return counters.lag();
  }

  @Override
  public long rejectedPayloads() {
    return rejectedPayloads.getAsLong();
  }

  @Override
  public long l1Size() {
    return store.l1Size();
  }

  @Override
  public long l1Bytes() {
    return store.l1Bytes();
  }

  @Override
  public long l2Size() {
    return store.l2Size();
  }

  @Override
  public CachePolicy policy() {
    return policy.get();
  }

  @Override
  public long l2Evictions() {
    return counters.l2Evictions();
  }

  @Override
  public Loading loading() {
    return counters.loading();
  }

  @Override
  public void onGetLatency(LongConsumer recorder) {
    counters.onGetLatency(recorder);
  }

  @Override
  public void onInvalidationLag(LongConsumer recorder) {
    counters.onInvalidationLag(recorder);
  }
}
