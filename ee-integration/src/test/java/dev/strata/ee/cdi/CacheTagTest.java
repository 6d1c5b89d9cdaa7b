package dev.strata.ee.cdi;

import static dev.strata.ee.StrataContainer.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ee.CacheTag;
import dev.strata.ee.InvalidateTag;
import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DefinitionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @CacheTag} on {@code @CacheResult} parameters tags what the method caches; an
 * {@code @InvalidateTag} method removes every entry of its tag from every cache, under the rules
 * of {@code @CacheRemove}.
 */
class CacheTagTest {

  private static StrataContainer container;

  @BeforeAll
  static void start() {
    container = StrataContainer.builder().beans(Accounts.class).start();
  }

  @AfterAll
  static void stop() {
    container.close();
  }

  /** Per-user data in two caches, and the operations that change a user's plan. */
  @ApplicationScoped
  public static class Accounts {
    final AtomicInteger profileReads = new AtomicInteger();
    final AtomicInteger invoiceReads = new AtomicInteger();

    @CacheResult(cacheName = "profiles")
    public String profile(@CacheTag("user") long userId) {
      return "profile of " + userId + " #" + profileReads.incrementAndGet();
    }

    @CacheResult(cacheName = "invoices")
    public String invoices(@CacheTag("user") long userId, int year) {
      return "invoices of " + userId + " in " + year + " #" + invoiceReads.incrementAndGet();
    }

    @InvalidateTag
    public void changePlan(@CacheTag("user") long userId, String plan) {
    }

    @InvalidateTag(caches = "invoices")
    public void reissueInvoices(@CacheTag("user") long userId) {
    }

    @InvalidateTag(evictFor = IllegalStateException.class)
    public void failPlanChange(@CacheTag("user") long userId, RuntimeException failure) {
      throw failure;
    }
  }

  /** An {@code @InvalidateTag} method that names no tag. */
  @ApplicationScoped
  public static class NoTag {
    @InvalidateTag
    public void changePlan(long userId) {
    }
  }

  @Test
  void invalidateTag_afterThePlanChanges_removesTheUsersEntriesFromBothCachesAndNoOneElses() {
    Accounts accounts = container.bean(Accounts.class);
    String profile = accounts.profile(42);
    String invoices = accounts.invoices(42, 2026);
    String otherUser = accounts.profile(7);
    assertThat(accounts.profile(42)).as("cached").isEqualTo(profile);

    accounts.changePlan(42, "gold");

    assertThat(container.cache("profiles").get(key(42L))).isNull();
    assertThat(container.cache("invoices").get(key(42L, 2026))).isNull();
    assertThat(accounts.profile(42)).as("read again after the change").isNotEqualTo(profile);
    assertThat(accounts.invoices(42, 2026)).isNotEqualTo(invoices);
    assertThat(accounts.profile(7)).as("another user's entry").isEqualTo(otherUser);
  }

  @Test
  void invalidateTag_namedCache_leavesTheTagInTheOthers() {
    Accounts accounts = container.bean(Accounts.class);
    String profile = accounts.profile(43);
    accounts.invoices(43, 2026);

    accounts.reissueInvoices(43);

    assertThat(container.cache("invoices").get(key(43L, 2026))).isNull();
    assertThat(accounts.profile(43)).isEqualTo(profile);
  }

  @Test
  void invalidateTag_exceptionInEvictFor_stillInvalidatesAndOthersDoNot() {
    Accounts accounts = container.bean(Accounts.class);
    accounts.profile(44);
    accounts.profile(45);

    assertThatThrownBy(() -> accounts.failPlanChange(44, new IllegalArgumentException("not listed")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(container.cache("profiles").get(key(44L))).as("kept after an exception evictFor does not name")
        .isNotNull();

    assertThatThrownBy(() -> accounts.failPlanChange(45, new IllegalStateException("listed")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(container.cache("profiles").get(key(45L))).as("removed after an exception evictFor names").isNull();
  }

  @Test
  void deployment_invalidateTagWithoutCacheTagParameter_failsNamingTheFix() {
    assertThatThrownBy(() -> StrataContainer.builder().beans(NoTag.class).start().close())
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("@InvalidateTag")
        .hasMessageContaining("@CacheTag");
  }
}
