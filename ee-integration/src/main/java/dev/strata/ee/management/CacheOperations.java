package dev.strata.ee.management;

import dev.strata.cache.StrataCache;
import dev.strata.cache.StrataCacheManager;
import dev.strata.cache.config.CacheSettings;
import dev.strata.ee.config.StrataConfig;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.configuration.CompleteConfiguration;

/**
 * What the management endpoints do to the application's caches, one method per endpoint. Only the
 * caches open in this JVM's cache manager are known: a cache the application has not used since it
 * started is a 404 (tag invalidation aside, which reaches caches tagged anywhere in the cluster).
 * Every change is audited. Thread-safe.
 */
final class CacheOperations {

  private final Supplier<StrataCacheManager> manager;
  private final Supplier<StrataConfig> config;
  private final Audit audit;

  CacheOperations(Supplier<StrataCacheManager> manager, Supplier<StrataConfig> config, Audit audit) {
    this.manager = manager;
    this.config = config;
    this.audit = audit;
  }

  Answer caches(Call call) {
    JsonArrayBuilder caches = Json.createArrayBuilder();
    for (StrataCache<Object, Object> cache : open()) {
      caches.add(CacheReports.figures(cache));
    }
    return Answer.ok(Json.createObjectBuilder().add("caches", caches).build());
  }

  Answer cache(Call call) {
    StrataCache<Object, Object> cache = find(call);
    return Answer.ok(CacheReports.figures(cache).add("policy", CacheReports.policy(cache.statistics().policy())).build());
  }

  Answer policies(Call call) {
    JsonObjectBuilder caches = Json.createObjectBuilder();
    for (StrataCache<Object, Object> cache : open()) {
      caches.add(cache.getName(), CacheReports.policy(cache.statistics().policy()));
    }
    StrataConfig configuration = config.get();
    return Answer.ok(Json.createObjectBuilder()
        .add("defaults", CacheReports.defaults(configuration.settings(CacheSettings.DEFAULT_CACHE),
            configuration.policy(CacheSettings.DEFAULT_CACHE)))
        .add("caches", caches)
        .build());
  }

  /** Clears the cache in the whole cluster; the count is L2's size just before, as a clear reports none. */
  Answer clear(Call call) {
    StrataCache<Object, Object> cache = find(call);
    long before = cache.statistics().l2Size();
    cache.clear();
    audit.changed(call, cache.getName(), before);
    return changed(cache.getName(), "entriesBeforeClear", before);
  }

  /**
   * {@code {"keys": [...]}} removes those keys through the cache, as {@code Cache.remove} does (a
   * write-through cache's writer is called); {@code {"prefix": "..."}} removes every key under it.
   */
  Answer invalidate(Call call) {
    StrataCache<Object, Object> cache = find(call);
    RequestBody body = call.json();
    if (body.has("keys") == body.has("prefix")) {
      throw ManagementException.badRequest(call.route() + " takes either {\"keys\": [\"k1\", 42]} or "
          + "{\"prefix\": \"user:\"}, exactly one of them");
    }
    long removed;
    if (body.has("prefix")) {
      String prefix = body.string("prefix");
      try {
        removed = cache.invalidatePrefix(prefix);
      } catch (IllegalStateException noKeyIndex) {
        throw ManagementException.badRequest(noKeyIndex.getMessage());
      }
    } else {
      Class<?> keyType = cache.getConfiguration(CompleteConfiguration.class).getKeyType();
      List<Object> keys = new ArrayList<>();
      // convert every key before removing any: a key that does not fit must stop the call before anything changed
      for (JsonValue key : body.array("keys")) {
        keys.addAll(KeyConversion.candidates(cache.getName(), keyType, key));
      }
      removed = 0;
      for (Object key : keys) {
        removed += cache.remove(key) ? 1 : 0;
      }
    }
    audit.changed(call, cache.getName(), removed);
    return changed(cache.getName(), "removed", removed);
  }

  /** {@code {"tag": "user:42", "caches": ["users"]}}: without caches, every cache of the cluster. */
  Answer invalidateTag(Call call) {
    RequestBody body = call.json();
    String tag = body.string("tag");
    List<String> caches = body.strings("caches").orElse(List.of());
    long removed;
    try {
      removed = manager.get().invalidateTag(tag, caches.toArray(String[]::new));
    } catch (IllegalArgumentException unknownCache) {
      throw ManagementException.notFound(unknownCache.getMessage());
    }
    String target = caches.isEmpty() ? "*" : String.join(",", caches);
    audit.changed(call, target, removed);
    return Answer.ok(Json.createObjectBuilder().add("tag", tag).add("caches", target).add("removed", removed).build());
  }

  Answer resetStatistics(Call call) {
    StrataCache<Object, Object> cache = find(call);
    cache.clearStatistics();
    audit.changed(call, cache.getName(), -1);
    return Answer.ok(Json.createObjectBuilder().add("cache", cache.getName()).add("statisticsReset", true).build());
  }

  /** {@code {"enabled": false}}: whether the cache annotations use the cache, in this JVM until the next change or restart. */
  Answer setEnabled(Call call) {
    StrataCache<Object, Object> cache = find(call);
    boolean enabled = call.json().bool("enabled");
    boolean before = cache.isEnabled();
    cache.setEnabled(enabled);
    audit.changed(call, cache.getName(), -1);
    return Answer.ok(Json.createObjectBuilder().add("cache", cache.getName()).add("enabled", enabled)
        .add("was", before).build());
  }

  private static Answer changed(String cache, String what, long count) {
    return Answer.ok(Json.createObjectBuilder().add("cache", cache).add(what, count).build());
  }

  private List<StrataCache<Object, Object>> open() {
    List<StrataCache<Object, Object>> caches = new ArrayList<>();
    StrataCacheManager current = manager.get();
    for (String name : current.getCacheNames()) {
      Cache<Object, Object> cache = current.getCache(name);
      if (cache != null) {
        caches.add(strata(cache));
      }
    }
    return caches;
  }

  /** @return the name of the route's cache; 404 if the application has no such cache */
  String existing(Call call) {
    return find(call).getName();
  }

  private StrataCache<Object, Object> find(Call call) {
    String name = call.parameter("name");
    StrataCacheManager current = manager.get();
    Cache<Object, Object> cache = current.getCache(name);
    if (cache == null) {
      throw ManagementException.notFound("No cache '" + name + "' in this application; its caches are "
          + current.getCacheNames() + " (a cache exists once the application has used it)");
    }
    return strata(cache);
  }

  @SuppressWarnings("unchecked")
  private static StrataCache<Object, Object> strata(Cache<Object, Object> cache) {
    return cache.unwrap(StrataCache.class);
  }
}
