package dev.strata.ee.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cache.StrataCache;
import dev.strata.ee.StrataContainer;
import dev.strata.ee.cdi.StrataRuntime;
import dev.strata.ee.warming.CacheWarming;
import jakarta.json.JsonObject;
import java.util.List;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The management endpoints against a real cache manager (an embedded member on loopback), called
 * through the route table as the servlet calls it, without a servlet container.
 */
class ManagementApiTest {

  private static final Caller ADMIN = new Caller("admin", true, false);
  private static StrataContainer container;
  private static Routes routes;
  private Cache<Long, String> orders;
  private Cache<String, String> sessions;

  @BeforeAll
  static void start() {
    container = StrataContainer.builder().config("strata.cache.default.max-staleness", "PT2S").start();
    StrataRuntime runtime = container.runtime();
    routes = ManagementApi.routes(runtime::manager, runtime::config, () -> container.bean(CacheWarming.class));
  }

  @AfterAll
  static void stop() {
    container.close();
  }

  @BeforeEach
  void caches() {
    orders = container.runtime().manager().getOrCreateCache("orders",
        new MutableConfiguration<Long, String>().setTypes(Long.class, String.class).setStatisticsEnabled(true));
    sessions = container.runtime().manager().getOrCreateCache("sessions",
        new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    orders.clear();
    orders.put(1L, "one");
    orders.put(2L, "two");
  }

  private static Answer call(String method, String path, String body) {
    return routes.dispatch(method, path, ADMIN, body);
  }

  @Test
  void caches_listsEveryOpenCacheWithFiguresPerTier() {
    orders.get(1L);
    orders.get(1L);

    JsonObject answer = call("GET", "/caches", "").body();

    JsonObject figures = answer.getJsonArray("caches").getValuesAs(JsonObject.class).stream()
        .filter(cache -> cache.getString("name").equals("orders")).findFirst().orElseThrow();
    assertThat(figures.getJsonObject("l1").getJsonNumber("hits").longValue()
        + figures.getJsonObject("l2").getJsonNumber("hits").longValue()).isGreaterThanOrEqualTo(2);
    assertThat(figures.getJsonObject("l2").getJsonNumber("size").longValue()).isEqualTo(2);
    assertThat(figures.containsKey("hitRatio")).isTrue();
  }

  @Test
  void cache_showsItsPolicyAndEnabled() {
    JsonObject answer = call("GET", "/caches/orders", "").body();

    assertThat(answer.getBoolean("enabled")).isTrue();
    assertThat(answer.getJsonObject("policy").getString("maxStaleness")).isEqualTo("PT2S");
  }

  @Test
  void cache_unknown_is404NamingItAndTheKnownCaches() {
    Answer answer = call("GET", "/caches/ordres", "");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().getString("error")).contains("No cache 'ordres'", "orders", "sessions");
  }

  @Test
  void policies_showTheDefaultsFromConfiguration() {
    JsonObject defaults = call("GET", "/policies", "").body().getJsonObject("defaults");

    assertThat(defaults.getString("maxStaleness")).isEqualTo("PT2S");
    assertThat(defaults.getInt("l1MaxSize")).isEqualTo(10_000);
  }

  @Test
  void clear_emptiesTheCache_andSaysHowManyEntriesItHad() {
    Answer answer = call("POST", "/caches/orders/clear", "");

    assertThat(answer.body().getInt("entriesBeforeClear")).isEqualTo(2);
    assertThat(orders.containsKey(1L)).isFalse();
  }

  @Test
  void invalidate_keysConvertedToTheKeyType_areRemovedAndCounted() {
    Answer answer = call("POST", "/caches/orders/invalidate", "{\"keys\": [1, \"2\", 3]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().getInt("removed")).isEqualTo(2);
    assertThat(orders.containsKey(1L)).isFalse();
    assertThat(orders.containsKey(2L)).isFalse();
  }

  @Test
  void invalidate_aKeyThatDoesNotFit_is400AndRemovesNothing() {
    Answer answer = call("POST", "/caches/orders/invalidate", "{\"keys\": [1, \"one\"]}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().getString("error")).contains("\"one\"", "'orders'", "Long");
    assertThat(orders.containsKey(1L)).isTrue();
  }

  @Test
  void invalidate_prefixWithoutKeyIndex_is400WithTheProvidersAdvice() {
    Answer answer = call("POST", "/caches/sessions/invalidate", "{\"prefix\": \"user:\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().getString("error")).contains("strata.cache.sessions.prefix-invalidation=true");
  }

  @Test
  void invalidate_bothKeysAndPrefix_is400() {
    assertThat(call("POST", "/caches/orders/invalidate", "{\"keys\": [1], \"prefix\": \"x\"}").status()).isEqualTo(400);
  }

  @Test
  void invalidateTag_unknownCache_is404NamingIt() {
    Answer answer = call("POST", "/invalidate", "{\"tag\": \"user:1\", \"caches\": [\"nowhere\"]}");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().getString("error")).contains("'nowhere'");
  }

  @Test
  void invalidateTag_removesTaggedEntries() {
    orders.unwrap(StrataCache.class).put(5L, "five", List.of("user:5"));

    Answer answer = call("POST", "/invalidate", "{\"tag\": \"user:5\"}");

    assertThat(answer.body().getInt("removed")).isEqualTo(1);
    assertThat(orders.containsKey(5L)).isFalse();
  }

  @Test
  void enabled_putFalse_turnsTheCacheOffForTheAnnotations() {
    Answer answer = call("PUT", "/caches/orders/enabled", "{\"enabled\": false}");

    assertThat(answer.body().getBoolean("enabled")).isFalse();
    assertThat(orders.unwrap(StrataCache.class).isEnabled()).isFalse();
    assertThat(call("GET", "/caches/orders", "").body().getBoolean("enabled")).isFalse();
    call("PUT", "/caches/orders/enabled", "{\"enabled\": true}");
  }

  @Test
  void statisticsReset_zeroesTheFigures() {
    orders.get(1L);

    call("POST", "/caches/orders/statistics/reset", "");

    assertThat(call("GET", "/caches/orders", "").body().getInt("gets")).isZero();
  }

  @Test
  void selfTest_writesReadsFromBothTiersAndRemoves() {
    Answer answer = call("POST", "/self-test", "");

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    assertThat(answer.body().getBoolean("ok")).isTrue();
    assertThat(answer.body().getJsonArray("steps").getValuesAs(JsonObject.class))
        .extracting(step -> step.getString("step"))
        .containsExactly("put", "read-l2", "read-l1", "remove");
  }

  @Test
  void warm_cacheThatNothingWarms_is400NamingTheFix() {
    Answer answer = call("POST", "caches/orders/warm", "");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().getString("error")).contains("Cache 'orders' cannot be warmed");
  }

  @Test
  void warm_unknownCache_is404() {
    assertThat(call("POST", "caches/nope/warm", "").status()).isEqualTo(404);
  }
}
