package dev.strata.ee.cdi;

import static dev.strata.ee.StrataContainer.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which cache and which key each annotation uses: default names, {@code @CacheDefaults}, {@code @CacheKey}, {@code @CacheValue}. */
class CacheNamesAndKeysTest {

  private static final String DEFAULTS = "dev.strata.ee.cdi.CacheNamesAndKeysTest$Defaults.";

  private static StrataContainer container;

  @BeforeAll
  static void start() {
    container = StrataContainer.builder().beans(Defaults.class, Shelf.class, Keys.class).start();
  }

  @AfterAll
  static void stop() {
    container.close();
  }

  /** No cache names anywhere: each method gets the JSR-107 default name. */
  @ApplicationScoped
  public static class Defaults {
    @CacheResult
    public String lookup(String id, int version) {
      return id + "@" + version;
    }

    @CachePut
    public void store(String id, @CacheValue String value) {
    }

    @CacheRemove
    public void evict(String id) {
    }

    @CacheRemoveAll
    public void evictAll() {
    }
  }

  /** The class names the cache; one method names its own. */
  @ApplicationScoped
  @CacheDefaults(cacheName = "shelf")
  public static class Shelf {
    @CacheResult
    public String find(String id) {
      return "book " + id;
    }

    @CacheResult(cacheName = "own-shelf")
    public String findOwn(String id) {
      return "own book " + id;
    }

    @CachePut
    public void place(String id, @CacheValue String book) {
    }

    @CacheRemove
    public void take(String id) {
    }

    @CacheRemoveAll
    public void empty() {
    }
  }

  @ApplicationScoped
  public static class Keys {
    private final AtomicInteger calls = new AtomicInteger();

    @CacheResult(cacheName = "by-key")
    public String find(@CacheKey String id, String locale) {
      calls.incrementAndGet();
      return id + "/" + locale;
    }

    @CacheResult(cacheName = "by-all")
    public String findByAll(String id, String locale) {
      calls.incrementAndGet();
      return id + "/" + locale;
    }

    @CacheResult(cacheName = "by-keys")
    public String findByTwo(@CacheKey String region, String ignored, @CacheKey int shard) {
      calls.incrementAndGet();
      return region + "#" + shard;
    }

    @CachePut(cacheName = "by-key")
    public void save(@CacheKey String id, String audit, @CacheValue String value) {
    }

    @CachePut(cacheName = "by-all")
    public void saveByAll(String id, String audit, @CacheValue String value) {
    }

    @CacheRemove(cacheName = "by-key")
    public void remove(@CacheKey String id, String reason) {
    }

    public int calls() {
      return calls.get();
    }
  }

  @Test
  void cacheResult_noCacheName_usesClassMethodAndParameterTypes() {
    container.bean(Defaults.class).lookup("a", 1);

    Cache<Object, Object> cache = container.cache(DEFAULTS + "lookup(java.lang.String,int)");
    assertThat(cache).isNotNull();
    assertThat(cache.get(key("a", 1))).isEqualTo("a@1");
  }

  @Test
  void cachePut_noCacheName_usesClassMethodAndParameterTypes() {
    container.bean(Defaults.class).store("s", "v");

    Cache<Object, Object> cache = container.cache(DEFAULTS + "store(java.lang.String,java.lang.String)");
    assertThat(cache).isNotNull();
    assertThat(cache.get(key("s"))).isEqualTo("v");
  }

  @Test
  void cacheRemove_noCacheName_removesFromDefaultNamedCache() {
    Cache<Object, Object> cache = container.runtime().cache(DEFAULTS + "evict(java.lang.String)");
    cache.put(key("e"), "gone soon");

    container.bean(Defaults.class).evict("e");

    assertThat(cache.containsKey(key("e"))).isFalse();
  }

  @Test
  void cacheRemoveAll_noCacheName_clearsDefaultNamedCache() {
    Cache<Object, Object> cache = container.runtime().cache(DEFAULTS + "evictAll()");
    cache.put(key("x"), "1");
    cache.put(key("y"), "2");

    container.bean(Defaults.class).evictAll();

    assertThat(cache.iterator().hasNext()).isFalse();
  }

  @Test
  void cacheDefaults_cacheName_appliesToEveryAnnotationWithoutOwnName() {
    Shelf shelf = container.bean(Shelf.class);

    shelf.find("1");
    shelf.place("2", "placed");
    Cache<Object, Object> cache = container.cache("shelf");
    assertThat(cache.get(key("1"))).isEqualTo("book 1");
    assertThat(cache.get(key("2"))).isEqualTo("placed");

    shelf.take("1");
    assertThat(cache.containsKey(key("1"))).isFalse();
    assertThat(cache.containsKey(key("2"))).isTrue();

    shelf.empty();
    assertThat(cache.iterator().hasNext()).isFalse();
  }

  @Test
  void cacheDefaults_methodNamesOwnCache_methodNameWins() {
    container.bean(Shelf.class).findOwn("3");

    assertThat(container.cache("own-shelf").get(key("3"))).isEqualTo("own book 3");
    Cache<Object, Object> shelf = container.cache("shelf");
    assertThat(shelf == null || !shelf.containsKey(key("3"))).isTrue();
  }

  @Test
  void cacheResult_cacheKeyOnOneParameter_otherParametersAreNotPartOfKey() {
    Keys keys = container.bean(Keys.class);
    int before = keys.calls();

    assertThat(keys.find("1", "en")).isEqualTo("1/en");
    assertThat(keys.find("1", "fr")).isEqualTo("1/en");

    assertThat(keys.calls() - before).isEqualTo(1);
    assertThat(container.cache("by-key").get(key("1"))).isEqualTo("1/en");
  }

  @Test
  void cacheResult_noCacheKey_everyParameterIsPartOfKey() {
    Keys keys = container.bean(Keys.class);
    int before = keys.calls();

    assertThat(keys.findByAll("1", "en")).isEqualTo("1/en");
    assertThat(keys.findByAll("1", "fr")).isEqualTo("1/fr");

    assertThat(keys.calls() - before).isEqualTo(2);
    assertThat(container.cache("by-all").get(key("1", "fr"))).isEqualTo("1/fr");
  }

  @Test
  void cacheResult_twoCacheKeys_keyHoldsThemInParameterOrder() {
    Keys keys = container.bean(Keys.class);

    keys.findByTwo("eu", "whatever", 7);

    assertThat(container.cache("by-keys").get(key("eu", 7))).isEqualTo("eu#7");
  }

  @Test
  void cachePut_cacheKeyAndCacheValue_storesValueUnderKeyParametersOnly() {
    Keys keys = container.bean(Keys.class);

    keys.save("2", "audit note", "stored");

    assertThat(container.cache("by-key").get(key("2"))).isEqualTo("stored");
    int before = keys.calls();
    assertThat(keys.find("2", "en")).isEqualTo("stored");
    assertThat(keys.calls()).isEqualTo(before);
  }

  @Test
  void cachePut_noCacheKey_keyIsEveryParameterButTheValue() {
    container.bean(Keys.class).saveByAll("3", "audit", "stored");

    assertThat(container.cache("by-all").get(key("3", "audit"))).isEqualTo("stored");
  }

  @Test
  void cacheRemove_cacheKey_removesByKeyParametersOnly() {
    Keys keys = container.bean(Keys.class);
    keys.save("4", "audit", "stored");

    keys.remove("4", "no longer needed");

    assertThat(container.cache("by-key").containsKey(key("4"))).isFalse();
  }
}
