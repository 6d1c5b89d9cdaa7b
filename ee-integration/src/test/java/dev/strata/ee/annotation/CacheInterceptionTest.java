package dev.strata.ee.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.cache.StrataCache;
import dev.strata.cache.StrataCacheManager;
import dev.strata.cache.spi.StrataCachingProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import javax.cache.annotation.GeneratedCacheKey;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The annotation semantics without a container: each call goes through {@link CacheInterception}
 * as a plain {@link Invocation} that runs the method on a plain object, against real Strata
 * caches (one embedded member on loopback, from port 5960, joining nobody).
 */
class CacheInterceptionTest {

  private static StrataCacheManager manager;

  private final Ledger ledger = new Ledger();
  private CacheInterception interception;

  @BeforeAll
  static void startManager() {
    Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
    // as the CDI extension does for bean classes: the values these tests cache are this package's
    StrataCacheManager.allowApplicationTypes(List.of(Ledger.class));
    Properties properties = new Properties();
    properties.setProperty("strata.hazelcast.cluster-name", "interception-test-" + UUID.randomUUID());
    properties.setProperty("strata.hazelcast.port", "5960");
    manager = (StrataCacheManager) Caching.getCachingProvider(StrataCachingProvider.class.getName())
        .getCacheManager(URI.create("strata:interception-test"), CacheInterceptionTest.class.getClassLoader(), properties);
  }

  @AfterAll
  static void closeManager() {
    manager.close();
  }

  @BeforeEach
  void newInterceptionAndEmptyCaches() {
    for (String name : manager.getCacheNames()) {
      manager.getCache(name).clear();
      manager.getCache(name).unwrap(StrataCache.class).setEnabled(true);
    }
    interception = new CacheInterception(
        new MethodRegistry(Instantiator.reflective(), new StrataCacheResolverFactory(
            name -> manager.getOrCreateCache(name, new MutableConfiguration<>()))),
        new SingleFlight(), new DegradedCalls(), name -> AnnotationPolicy.DEFAULT);
  }

  /** A plain object with annotated methods, recording what each call saw. */
  public static final class Ledger {
    final List<String> calls = new ArrayList<>();

    @CacheResult(cacheName = "balances")
    public String balance(String account) {
      calls.add("balance " + account);
      return account + " has " + calls.size();
    }

    @CacheResult(cacheName = "checked", exceptionCacheName = "check-failures",
        cachedExceptions = IllegalArgumentException.class, nonCachedExceptions = NumberFormatException.class)
    public String check(String account) {
      calls.add("check " + account);
      if (account.startsWith("number")) {
        throw new NumberFormatException("not a number: " + account);
      }
      throw new IllegalArgumentException("no account " + account);
    }

    /** Reads the balance, and while it does, a @CachePut of another caller records a newer one. */
    @CacheResult(cacheName = "balances")
    public String balanceOvertaken(String account) {
      calls.add("balanceOvertaken " + account);
      cache("balances").put(key(account), account + " recorded meanwhile");
      return account + " as read before the record";
    }

    @CachePut(cacheName = "balances")
    public void record(@CacheKey String account, @CacheValue String balance) {
      calls.add("record saw " + cached("balances", account));
    }

    @CachePut(cacheName = "balances", afterInvocation = false)
    public void recordFirst(@CacheKey String account, @CacheValue String balance) {
      calls.add("recordFirst saw " + cached("balances", account));
    }

    @CachePut(cacheName = "balances")
    public void recordOrFail(@CacheKey String account, @CacheValue String balance) {
      throw new IllegalStateException("ledger closed");
    }

    @CacheRemove(cacheName = "balances")
    public void close(String account) {
      calls.add("close saw " + cached("balances", account));
    }

    @CacheRemoveAll(cacheName = "balances")
    public void closeAll() {
      calls.add("closeAll");
    }
  }

  @Test
  void cacheResult_miss_runsTheMethodAndCachesItsResult() throws Throwable {
    Object result = call("balance", "a1");

    assertThat(result).isEqualTo("a1 has 1");
    assertThat(ledger.calls).containsExactly("balance a1");
    assertThat(cached("balances", "a1")).isEqualTo("a1 has 1");
  }

  /**
   * The lost update of cache-aside: a read misses and queries its source, a writer changes the
   * source and puts the new value, then the read stores what it had read. The read's caller gets
   * its result, but the cache keeps the writer's newer value.
   */
  @Test
  void cacheResult_overtakenByAPutWhileItRan_keepsThePutValueInTheCache() throws Throwable {
    Object result = call("balanceOvertaken", "a9");

    assertThat(result).isEqualTo("a9 as read before the record");
    assertThat(cached("balances", "a9")).isEqualTo("a9 recorded meanwhile");
    assertThat(call("balanceOvertaken", "a9")).as("the next call hits the newer value").isEqualTo("a9 recorded meanwhile");
    assertThat(ledger.calls).containsExactly("balanceOvertaken a9");
  }

  @Test
  void cacheResult_hit_returnsTheCachedResultWithoutRunningTheMethod() throws Throwable {
    cache("balances").put(key("a2"), "a2 from cache");

    Object result = call("balance", "a2");

    assertThat(result).isEqualTo("a2 from cache");
    assertThat(ledger.calls).isEmpty();
  }

  @Test
  void cacheResult_cachedException_isCachedAndRethrownWithoutRunningTheMethodAgain() {
    assertThatThrownBy(() -> call("check", "x1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> call("check", "x1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no account x1");

    assertThat(ledger.calls).containsExactly("check x1");
    assertThat(cached("check-failures", "x1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cacheResult_nonCachedException_isNotCachedAndTheMethodRunsAgain() {
    assertThatThrownBy(() -> call("check", "number1")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> call("check", "number1")).isInstanceOf(NumberFormatException.class);

    assertThat(ledger.calls).containsExactly("check number1", "check number1");
    assertThat(cached("check-failures", "number1")).isNull();
  }

  @Test
  void cachePut_afterInvocation_putsTheValueOnceTheMethodReturned() throws Throwable {
    call("record", "p1", "p1 has 10");

    assertThat(ledger.calls).containsExactly("record saw null");
    assertThat(cached("balances", "p1")).isEqualTo("p1 has 10");
  }

  @Test
  void cachePut_beforeInvocation_putsTheValueBeforeTheMethodRuns() throws Throwable {
    call("recordFirst", "p2", "p2 has 20");

    assertThat(ledger.calls).containsExactly("recordFirst saw p2 has 20");
    assertThat(cached("balances", "p2")).isEqualTo("p2 has 20");
  }

  @Test
  void cachePut_afterInvocationMethodThrowsUnlistedException_putsNothing() {
    assertThatThrownBy(() -> call("recordOrFail", "p3", "p3 has 30")).isInstanceOf(IllegalStateException.class);

    assertThat(cached("balances", "p3")).isNull();
  }

  @Test
  void cacheRemove_afterInvocation_removesTheKeyOnceTheMethodReturned() throws Throwable {
    cache("balances").put(key("r1"), "r1 has 1");
    cache("balances").put(key("r2"), "r2 has 2");

    call("close", "r1");

    assertThat(ledger.calls).containsExactly("close saw r1 has 1");
    assertThat(cached("balances", "r1")).isNull();
    assertThat(cached("balances", "r2")).isEqualTo("r2 has 2");
  }

  @Test
  void cacheRemoveAll_afterInvocation_emptiesTheCache() throws Throwable {
    cache("balances").put(key("r3"), "r3 has 3");
    cache("balances").put(key("r4"), "r4 has 4");

    call("closeAll");

    assertThat(ledger.calls).containsExactly("closeAll");
    assertThat(cache("balances").iterator().hasNext()).isFalse();
  }

  @Test
  void cacheResult_cacheDisabled_runsTheMethodEveryTimeAndReadsAndWritesNothing() throws Throwable {
    cache("balances").put(key("d1"), "d1 from cache");
    disable("balances");

    Object first = call("balance", "d1");
    Object second = call("balance", "d1");

    assertThat(first).isEqualTo("d1 has 1");
    assertThat(second).isEqualTo("d1 has 2");
    assertThat(cached("balances", "d1")).isEqualTo("d1 from cache");
  }

  @Test
  void cacheResult_cacheDisabledWithExceptionCache_neitherReadsNorCachesTheException() {
    disable("checked");

    assertThatThrownBy(() -> call("check", "x2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> call("check", "x2")).isInstanceOf(IllegalArgumentException.class);

    assertThat(ledger.calls).containsExactly("check x2", "check x2");
    assertThat(cached("check-failures", "x2")).isNull();
  }

  @Test
  void cacheResult_enabledAgainAtRunTime_cachesFromTheNextCall() throws Throwable {
    disable("balances");
    call("balance", "d2");

    cache("balances").unwrap(StrataCache.class).setEnabled(true);
    Object cachedResult = call("balance", "d2");
    Object hit = call("balance", "d2");

    assertThat(cachedResult).isEqualTo("d2 has 2");
    assertThat(hit).isEqualTo("d2 has 2");
    assertThat(ledger.calls).containsExactly("balance d2", "balance d2");
  }

  @Test
  void cachePut_cacheDisabled_runsTheMethodAndPutsNothing() throws Throwable {
    disable("balances");

    call("record", "d3", "d3 has 30");
    call("recordFirst", "d3", "d3 has 31");

    assertThat(ledger.calls).containsExactly("record saw null", "recordFirst saw null");
    assertThat(cached("balances", "d3")).isNull();
  }

  @Test
  void cacheRemove_cacheDisabled_runsTheMethodAndRemovesNothing() throws Throwable {
    cache("balances").put(key("d4"), "d4 has 4");
    disable("balances");

    call("close", "d4");

    assertThat(ledger.calls).containsExactly("close saw d4 has 4");
    assertThat(cached("balances", "d4")).isEqualTo("d4 has 4");
  }

  @Test
  void cacheRemoveAll_cacheDisabled_runsTheMethodAndRemovesNothing() throws Throwable {
    cache("balances").put(key("d5"), "d5 has 5");
    disable("balances");

    call("closeAll");

    assertThat(ledger.calls).containsExactly("closeAll");
    assertThat(cached("balances", "d5")).isEqualTo("d5 has 5");
  }

  @Test
  void intercept_otherBinding_onlyRunsTheMethod() throws Throwable {
    Object result = interception.intercept(invocation("balance", "o1"), CachePut.class);

    assertThat(result).isEqualTo("o1 has 1");
    assertThat(cached("balances", "o1")).isNull();
  }

  /** Calls a {@link Ledger} method through the interception bound to the method's own annotation. */
  private Object call(String methodName, Object... arguments) throws Throwable {
    Invocation invocation = invocation(methodName, arguments);
    Class<? extends Annotation> binding = Arrays.stream(invocation.method().getAnnotations())
        .map(Annotation::annotationType)
        .filter(CacheAnnotations.ALL::contains)
        .findFirst().orElseThrow();
    return interception.intercept(invocation, binding);
  }

  private Invocation invocation(String methodName, Object... arguments) {
    Method method = Arrays.stream(Ledger.class.getMethods())
        .filter(m -> m.getName().equals(methodName))
        .findFirst().orElseThrow();
    return new MethodCall(ledger, method, arguments);
  }

  /** A call as a container would present it: proceeding runs the method on the target. */
  record MethodCall(Object target, Method method, Object[] parameters) implements Invocation {
    @Override
    public Object proceed() throws Exception {
      try {
        return method.invoke(target, parameters);
      } catch (InvocationTargetException e) {
        throw (Exception) e.getCause();
      }
    }
  }

  private static void disable(String cacheName) {
    cache(cacheName).unwrap(StrataCache.class).setEnabled(false);
  }

  private static Cache<Object, Object> cache(String name) {
    return manager.getOrCreateCache(name, new MutableConfiguration<>());
  }

  private static Object cached(String cacheName, String account) {
    return cache(cacheName).get(key(account));
  }

  private static GeneratedCacheKey key(String account) {
    return new StrataGeneratedCacheKey(new Object[] {account});
  }
}
