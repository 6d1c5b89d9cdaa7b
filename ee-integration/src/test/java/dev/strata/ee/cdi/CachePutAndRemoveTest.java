package dev.strata.ee.cdi;

import static dev.strata.ee.StrataContainer.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @CachePut}, {@code @CacheRemove} and {@code @CacheRemoveAll}: before or after the
 * invocation, and which exceptions still write or evict. Each method body records what it saw in
 * the cache, which tells "before" from "after".
 */
class CachePutAndRemoveTest {

  private static final String ABSENT = "<absent>";
  private static final CancellationException CANCELLED = new CancellationException("cancelled");

  private static StrataContainer container;
  private static Cache<Object, Object> ledger;
  private static Cache<Object, Object> journal;

  @BeforeAll
  static void start() {
    container = StrataContainer.builder().beans(Ledger.class, Journal.class).start();
    ledger = container.runtime().cache("ledger");
    journal = container.runtime().cache("journal");
  }

  @AfterAll
  static void stop() {
    container.close();
  }

  @BeforeEach
  void emptyCaches() {
    ledger.removeAll();
    journal.removeAll();
  }

  @ApplicationScoped
  public static class Ledger {
    @Inject
    CacheManager manager;

    private final Map<String, Object> seen = new ConcurrentHashMap<>();

    @CachePut(cacheName = "ledger")
    public void record(String id, @CacheValue String value) {
      look(id);
    }

    @CachePut(cacheName = "ledger", afterInvocation = false)
    public void recordFirst(String id, @CacheValue String value) {
      look(id);
    }

    @CachePut(cacheName = "ledger")
    public void recordOrFail(@CacheKey String id, @CacheValue String value, RuntimeException failure) {
      throw failure;
    }

    @CachePut(cacheName = "ledger", cacheFor = IllegalStateException.class, noCacheFor = CancellationException.class)
    public void recordDespite(@CacheKey String id, @CacheValue String value, RuntimeException failure) {
      throw failure;
    }

    @CachePut(cacheName = "ledger", afterInvocation = false)
    public void recordFirstOrFail(@CacheKey String id, @CacheValue String value, RuntimeException failure) {
      throw failure;
    }

    @CacheRemove(cacheName = "ledger")
    public void erase(String id) {
      look(id);
    }

    @CacheRemove(cacheName = "ledger", afterInvocation = false)
    public void eraseFirst(String id) {
      look(id);
    }

    @CacheRemove(cacheName = "ledger")
    public void eraseOrFail(@CacheKey String id, RuntimeException failure) {
      throw failure;
    }

    @CacheRemove(cacheName = "ledger", evictFor = IllegalStateException.class, noEvictFor = CancellationException.class)
    public void eraseDespite(@CacheKey String id, RuntimeException failure) {
      throw failure;
    }

    @CacheRemove(cacheName = "ledger", afterInvocation = false)
    public void eraseFirstOrFail(@CacheKey String id, RuntimeException failure) {
      throw failure;
    }

    /** @return what the method body saw in the cache under the id */
    public Object seen(String id) {
      return seen.get(id);
    }

    private void look(String id) {
      Object value = manager.getCache("ledger").get(key(id));
      seen.put(id, value == null ? ABSENT : value);
    }
  }

  @ApplicationScoped
  public static class Journal {
    @Inject
    CacheManager manager;

    private final AtomicLong seenEntries = new AtomicLong(-1);

    @CacheRemoveAll(cacheName = "journal")
    public void reset() {
      look();
    }

    @CacheRemoveAll(cacheName = "journal", afterInvocation = false)
    public void resetFirst() {
      look();
    }

    @CacheRemoveAll(cacheName = "journal")
    public void resetOrFail(RuntimeException failure) {
      throw failure;
    }

    @CacheRemoveAll(cacheName = "journal", evictFor = IllegalStateException.class, noEvictFor = CancellationException.class)
    public void resetDespite(RuntimeException failure) {
      throw failure;
    }

    @CacheRemoveAll(cacheName = "journal", afterInvocation = false)
    public void resetFirstOrFail(RuntimeException failure) {
      throw failure;
    }

    /** @return how many entries the last method body saw in the cache */
    public long seenEntries() {
      return seenEntries.get();
    }

    private void look() {
      seenEntries.set(count(manager.getCache("journal")));
    }
  }

  private static long count(Cache<Object, Object> cache) {
    long entries = 0;
    for (Cache.Entry<Object, Object> ignored : cache) {
      entries++;
    }
    return entries;
  }

  private static void fillJournal() {
    journal.put(key("one"), "1");
    journal.put(key("two"), "2");
    journal.put(key("three"), "3");
  }

  @Test
  void cachePut_afterInvocationDefault_storesValueAfterMethodReturns() {
    Ledger bean = container.bean(Ledger.class);

    bean.record("a", "1");

    assertThat(bean.seen("a")).isEqualTo(ABSENT);
    assertThat(ledger.get(key("a"))).isEqualTo("1");
  }

  @Test
  void cachePut_afterInvocationFalse_storesValueBeforeMethodRuns() {
    Ledger bean = container.bean(Ledger.class);

    bean.recordFirst("b", "2");

    assertThat(bean.seen("b")).isEqualTo("2");
    assertThat(ledger.get(key("b"))).isEqualTo("2");
  }

  @Test
  void cachePut_exceptionAndNoCacheForList_storesNothing() {
    Ledger bean = container.bean(Ledger.class);

    assertThatThrownBy(() -> bean.recordOrFail("c", "3", new IllegalStateException("failed")))
        .isInstanceOf(IllegalStateException.class).hasMessage("failed");

    assertThat(ledger.containsKey(key("c"))).isFalse();
  }

  @Test
  void cachePut_exceptionListedInCacheFor_storesValueAndRethrows() {
    Ledger bean = container.bean(Ledger.class);

    assertThatThrownBy(() -> bean.recordDespite("d", "4", new IllegalStateException("failed")))
        .isInstanceOf(IllegalStateException.class);

    assertThat(ledger.get(key("d"))).isEqualTo("4");
  }

  @Test
  void cachePut_subclassListedInNoCacheFor_storesNothing() {
    Ledger bean = container.bean(Ledger.class);

    assertThatThrownBy(() -> bean.recordDespite("e", "5", CANCELLED)).isSameAs(CANCELLED);

    assertThat(ledger.containsKey(key("e"))).isFalse();
  }

  @Test
  void cachePut_exceptionNotListedInCacheFor_storesNothing() {
    Ledger bean = container.bean(Ledger.class);

    assertThatThrownBy(() -> bean.recordDespite("f", "6", new IllegalArgumentException("failed")))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(ledger.containsKey(key("f"))).isFalse();
  }

  @Test
  void cachePut_beforeInvocationAndMethodThrows_valueStaysStored() {
    Ledger bean = container.bean(Ledger.class);

    assertThatThrownBy(() -> bean.recordFirstOrFail("g", "7", new IllegalArgumentException("failed")))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(ledger.get(key("g"))).isEqualTo("7");
  }

  @Test
  void cachePut_nullValue_removesEntryAsCachesCannotHoldNull() {
    Ledger bean = container.bean(Ledger.class);
    bean.record("h", "8");

    bean.record("h", null);

    assertThat(ledger.containsKey(key("h"))).isFalse();
  }

  @Test
  void cacheRemove_afterInvocationDefault_removesAfterMethodReturns() {
    Ledger bean = container.bean(Ledger.class);
    ledger.put(key("i"), "9");

    bean.erase("i");

    assertThat(bean.seen("i")).isEqualTo("9");
    assertThat(ledger.containsKey(key("i"))).isFalse();
  }

  @Test
  void cacheRemove_afterInvocationFalse_removesBeforeMethodRuns() {
    Ledger bean = container.bean(Ledger.class);
    ledger.put(key("j"), "10");

    bean.eraseFirst("j");

    assertThat(bean.seen("j")).isEqualTo(ABSENT);
    assertThat(ledger.containsKey(key("j"))).isFalse();
  }

  @Test
  void cacheRemove_exceptionAndNoEvictForList_keepsEntry() {
    Ledger bean = container.bean(Ledger.class);
    ledger.put(key("k"), "11");

    assertThatThrownBy(() -> bean.eraseOrFail("k", new IllegalStateException("failed")))
        .isInstanceOf(IllegalStateException.class);

    assertThat(ledger.get(key("k"))).isEqualTo("11");
  }

  @Test
  void cacheRemove_exceptionListedInEvictFor_removesEntryAndRethrows() {
    Ledger bean = container.bean(Ledger.class);
    ledger.put(key("l"), "12");

    assertThatThrownBy(() -> bean.eraseDespite("l", new IllegalStateException("failed")))
        .isInstanceOf(IllegalStateException.class);

    assertThat(ledger.containsKey(key("l"))).isFalse();
  }

  @Test
  void cacheRemove_subclassListedInNoEvictFor_keepsEntry() {
    Ledger bean = container.bean(Ledger.class);
    ledger.put(key("m"), "13");

    assertThatThrownBy(() -> bean.eraseDespite("m", CANCELLED)).isSameAs(CANCELLED);

    assertThat(ledger.get(key("m"))).isEqualTo("13");
  }

  @Test
  void cacheRemove_beforeInvocationAndMethodThrows_entryStaysRemoved() {
    Ledger bean = container.bean(Ledger.class);
    ledger.put(key("n"), "14");

    assertThatThrownBy(() -> bean.eraseFirstOrFail("n", new IllegalArgumentException("failed")))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(ledger.containsKey(key("n"))).isFalse();
  }

  @Test
  void cacheRemoveAll_afterInvocationDefault_clearsAfterMethodReturns() {
    Journal bean = container.bean(Journal.class);
    fillJournal();

    bean.reset();

    assertThat(bean.seenEntries()).isEqualTo(3);
    assertThat(count(journal)).isZero();
  }

  @Test
  void cacheRemoveAll_afterInvocationFalse_clearsBeforeMethodRuns() {
    Journal bean = container.bean(Journal.class);
    fillJournal();

    bean.resetFirst();

    assertThat(bean.seenEntries()).isZero();
    assertThat(count(journal)).isZero();
  }

  @Test
  void cacheRemoveAll_exceptionAndNoEvictForList_keepsEntries() {
    Journal bean = container.bean(Journal.class);
    fillJournal();

    assertThatThrownBy(() -> bean.resetOrFail(new IllegalStateException("failed"))).isInstanceOf(IllegalStateException.class);

    assertThat(count(journal)).isEqualTo(3);
  }

  @Test
  void cacheRemoveAll_exceptionListedInEvictFor_clearsAndRethrows() {
    Journal bean = container.bean(Journal.class);
    fillJournal();

    assertThatThrownBy(() -> bean.resetDespite(new IllegalStateException("failed"))).isInstanceOf(IllegalStateException.class);

    assertThat(count(journal)).isZero();
  }

  @Test
  void cacheRemoveAll_subclassListedInNoEvictFor_keepsEntries() {
    Journal bean = container.bean(Journal.class);
    fillJournal();

    assertThatThrownBy(() -> bean.resetDespite(CANCELLED)).isSameAs(CANCELLED);

    assertThat(count(journal)).isEqualTo(3);
  }

  @Test
  void cacheRemoveAll_beforeInvocationAndMethodThrows_entriesStayRemoved() {
    Journal bean = container.bean(Journal.class);
    fillJournal();

    assertThatThrownBy(() -> bean.resetFirstOrFail(new IllegalArgumentException("failed")))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(count(journal)).isZero();
  }
}
