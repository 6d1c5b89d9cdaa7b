package dev.strata.ee.management;

import dev.strata.ee.warming.CacheWarming;
import dev.strata.ee.warming.WarmingStatus;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /strata/caches/{name}/warm}: starts warming the cache now, in the background, through
 * the warming the application configured (its {@code CacheWarmer} bean or {@code warm.keys}), and
 * answers 202 with where it stands. Warming starts in the background, so a FAILED answer means that
 * nothing warms the cache: a 400 naming the fix. Stateless.
 */
final class WarmOperation {

  private final CacheOperations caches;
  private final Supplier<CacheWarming> warming;
  private final Audit audit;

  WarmOperation(CacheOperations caches, Supplier<CacheWarming> warming, Audit audit) {
    this.caches = caches;
    this.warming = warming;
    this.audit = audit;
  }

  Answer warm(Call call) {
    String name = caches.existing(call);
    WarmingStatus status = warming.get().warm(name);
    if (status.state() == WarmingStatus.State.FAILED) {
      throw ManagementException.badRequest("Cache '" + name + "' cannot be warmed: " + status.failure());
    }
    audit.changed(call, name, status.total() < 0 ? 0 : status.total());
    JsonObjectBuilder body = Json.createObjectBuilder().add("cache", name).add("state", status.state().name())
        .add("done", status.done()).add("total", status.total()).add("entries", status.entries())
        .add("status", status.describe());
    return new Answer(202, body.build(), Map.of());
  }
}
