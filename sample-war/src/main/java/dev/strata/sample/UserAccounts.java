package dev.strata.sample;

import dev.strata.ee.CacheTag;
import dev.strata.ee.InvalidateTag;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.annotation.CacheResult;

/**
 * Per-user data cached in two caches, {@code profiles} and {@code invoices}, each entry tagged with
 * its user ({@code user:<id>}). Changing a user's plan invalidates that tag: every cached entry of
 * the user, in both caches, on every server. Plans live in this server's own in-memory "database";
 * {@link #recordPlan} writes it without touching the cache, as another application sharing the
 * database would.
 */
@ApplicationScoped
public class UserAccounts {

  private final Map<Long, String> plans = new ConcurrentHashMap<>();
  private final AtomicLong reads = new AtomicLong();

  @CacheResult(cacheName = "profiles")
  public String profile(@CacheTag("user") long userId) {
    return "user " + userId + " on the " + plan(userId) + " plan";
  }

  @CacheResult(cacheName = "invoices")
  public String invoices(@CacheTag("user") long userId) {
    return "invoices of user " + userId + " at " + plan(userId) + " rates";
  }

  /** Changes the plan and, once that is done, drops every cached entry of the user everywhere. */
  @InvalidateTag
  public void changePlan(@CacheTag("user") long userId, String plan) {
    plans.put(userId, plan);
  }

  /** Writes the plan to the database only: the caches go on serving what they hold. */
  public void recordPlan(long userId, String plan) {
    plans.put(userId, plan);
  }

  /** @return how often this server read a plan from its database */
  public long reads() {
    return reads.get();
  }

  private String plan(long userId) {
    reads.incrementAndGet();
    return plans.getOrDefault(userId, "basic");
  }
}
