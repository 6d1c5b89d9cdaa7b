package dev.strata.ee.health;

import dev.strata.cache.StrataCache;
import dev.strata.cache.StrataCacheManager;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;

/**
 * Which caches answered reads with expired values lately (stale-if-error): readiness stays UP, since
 * the application still serves, and says {@code degraded} for each cache that did within the last
 * minute, judged from one probe to the next. Thread-safe.
 */
final class StaleServes {

  static final long RECENT_NANOS = TimeUnit.MINUTES.toNanos(1);

  private record Seen(long count, long changedAt) {
  }

  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  /** @return e.g. {@code credits: 12 stale-if-error reads}, or null if no cache served stale values lately */
  String degraded(StrataCacheManager manager) {
    long now = System.nanoTime();
    StringJoiner caches = new StringJoiner(", ");
    for (String name : manager.getCacheNames()) {
      Cache<Object, Object> cache = manager.getCache(name);
      if (!(cache instanceof StrataCache<Object, Object> strata)) {
        continue;
      }
      long count = strata.statistics().loading().staleServes();
      Seen before = seen.get(name);
      if (before == null || before.count() != count) {
        before = new Seen(count, before == null && count == 0 ? now - RECENT_NANOS : now);
        seen.put(name, before);
      }
      if (count > 0 && now - before.changedAt() < RECENT_NANOS) {
        caches.add(name + ": " + count + " stale-if-error reads so far, the last within a minute");
      }
    }
    return caches.length() == 0 ? null : caches.toString();
  }
}
