package dev.strata.ee.cdi;

import static dev.strata.ee.StrataContainer.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code @CacheResult}'s {@code exceptionCacheName}, {@code cachedExceptions}, {@code nonCachedExceptions} and {@code skipGet}. */
class CacheResultExceptionsTest {

  private static StrataContainer container;

  @BeforeAll
  static void start() {
    container = StrataContainer.builder().beans(Quotes.class).start();
  }

  @AfterAll
  static void stop() {
    container.close();
  }

  @ApplicationScoped
  public static class Quotes {
    private final AtomicInteger calls = new AtomicInteger();

    /** NumberFormatException is an IllegalArgumentException: the closer match, nonCachedExceptions, wins. */
    @CacheResult(cacheName = "quotes", exceptionCacheName = "quote-failures",
        cachedExceptions = IllegalArgumentException.class, nonCachedExceptions = NumberFormatException.class)
    public String quote(String symbol) {
      return answer(symbol);
    }

    /**
     * The lists the other way round: argument errors are not cached, except number formats. A
     * NumberFormatException matches both lists, and the closer match wins (the JSR-107 RI would
     * not cache it, as it lets any exclusion win).
     */
    @CacheResult(cacheName = "parsed", exceptionCacheName = "parse-failures",
        cachedExceptions = NumberFormatException.class, nonCachedExceptions = IllegalArgumentException.class)
    public String parse(String symbol) {
      return answer(symbol);
    }

    @CacheResult(cacheName = "rates", exceptionCacheName = "rate-failures")
    public String rate(String symbol) {
      return answer(symbol);
    }

    @CacheResult(cacheName = "plain-quotes")
    public String plainQuote(String symbol) {
      return answer(symbol);
    }

    @CacheResult(cacheName = "fresh", skipGet = true)
    public String fresh(String symbol) {
      return "version " + calls.incrementAndGet();
    }

    @CacheResult(cacheName = "fresh", exceptionCacheName = "fresh-failures", skipGet = true)
    public String freshOrFail(String symbol) {
      return answer(symbol);
    }

    public int calls() {
      return calls.get();
    }

    private String answer(String symbol) {
      calls.incrementAndGet();
      switch (symbol) {
        case "bad-argument":
          throw new IllegalArgumentException("bad argument " + symbol);
        case "bad-number":
          throw new NumberFormatException("bad number " + symbol);
        case "bad-state":
          throw new IllegalStateException("bad state " + symbol);
        default:
          return "quote " + symbol;
      }
    }
  }

  @Test
  void cacheResult_exceptionInCachedExceptions_isCachedAndRethrownWithoutCallingMethod() {
    Quotes quotes = container.bean(Quotes.class);
    int before = quotes.calls();

    assertThatThrownBy(() -> quotes.quote("bad-argument")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> quotes.quote("bad-argument")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad argument bad-argument");

    assertThat(quotes.calls() - before).isEqualTo(1);
    assertThat(container.cache("quote-failures").get(key("bad-argument"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cacheResult_subclassListedInNonCachedExceptions_isNotCached() {
    Quotes quotes = container.bean(Quotes.class);
    int before = quotes.calls();

    assertThatThrownBy(() -> quotes.quote("bad-number")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> quotes.quote("bad-number")).isInstanceOf(NumberFormatException.class);

    assertThat(quotes.calls() - before).isEqualTo(2);
    assertThat(container.cache("quote-failures").containsKey(key("bad-number"))).isFalse();
  }

  @Test
  void cacheResult_exceptionNotInCachedExceptions_isNotCached() {
    Quotes quotes = container.bean(Quotes.class);
    int before = quotes.calls();

    assertThatThrownBy(() -> quotes.quote("bad-state")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> quotes.quote("bad-state")).isInstanceOf(IllegalStateException.class);

    assertThat(quotes.calls() - before).isEqualTo(2);
  }

  @Test
  void cacheResult_subclassInCachedExceptionsOfExcludedSuperclass_closerMatchWinsAndIsCached() {
    Quotes quotes = container.bean(Quotes.class);
    int before = quotes.calls();

    assertThatThrownBy(() -> quotes.parse("bad-number")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> quotes.parse("bad-number")).isInstanceOf(NumberFormatException.class);
    assertThat(quotes.calls() - before).isEqualTo(1);

    assertThatThrownBy(() -> quotes.parse("bad-argument")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> quotes.parse("bad-argument")).isInstanceOf(IllegalArgumentException.class);
    assertThat(quotes.calls() - before).isEqualTo(3);
  }

  @Test
  void cacheResult_exceptionCacheWithoutLists_cachesEveryException() {
    Quotes quotes = container.bean(Quotes.class);
    int before = quotes.calls();

    assertThatThrownBy(() -> quotes.rate("bad-state")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> quotes.rate("bad-state")).isInstanceOf(IllegalStateException.class)
        .hasMessage("bad state bad-state");

    assertThat(quotes.calls() - before).isEqualTo(1);
  }

  @Test
  void cacheResult_noExceptionCacheName_neverCachesExceptions() {
    Quotes quotes = container.bean(Quotes.class);
    int before = quotes.calls();

    assertThatThrownBy(() -> quotes.plainQuote("bad-argument")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> quotes.plainQuote("bad-argument")).isInstanceOf(IllegalArgumentException.class);

    assertThat(quotes.calls() - before).isEqualTo(2);
    assertThat(container.cache("plain-quotes").containsKey(key("bad-argument"))).isFalse();
  }

  @Test
  void cacheResult_exceptionCacheName_successIsCachedInResultCacheOnly() {
    Quotes quotes = container.bean(Quotes.class);
    int before = quotes.calls();

    assertThat(quotes.quote("ok")).isEqualTo("quote ok");
    assertThat(quotes.quote("ok")).isEqualTo("quote ok");

    assertThat(quotes.calls() - before).isEqualTo(1);
    assertThat(container.cache("quotes").get(key("ok"))).isEqualTo("quote ok");
    assertThat(container.cache("quote-failures").containsKey(key("ok"))).isFalse();
  }

  @Test
  void cacheResult_skipGet_alwaysRunsMethodAndCachesLatestResult() {
    Quotes quotes = container.bean(Quotes.class);

    String first = quotes.fresh("s");
    String second = quotes.fresh("s");

    assertThat(second).isNotEqualTo(first);
    assertThat(container.cache("fresh").get(key("s"))).isEqualTo(second);
  }

  @Test
  void cacheResult_skipGet_doesNotRethrowCachedException() {
    Quotes quotes = container.bean(Quotes.class);
    int before = quotes.calls();

    assertThatThrownBy(() -> quotes.freshOrFail("bad-state")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> quotes.freshOrFail("bad-state")).isInstanceOf(IllegalStateException.class);

    assertThat(quotes.calls() - before).isEqualTo(2);
    assertThat(container.cache("fresh-failures").get(key("bad-state"))).isInstanceOf(IllegalStateException.class);
  }
}
