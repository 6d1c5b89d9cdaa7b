package dev.strata.ee.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ee.StrataContainer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DefinitionException;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import org.junit.jupiter.api.Test;

/**
 * Annotation misuse fails deployment with a definition error that names the class and the
 * method, instead of a method that silently runs uncached or fails on its first call. No
 * Hazelcast member starts for these containers.
 */
class AnnotationMisuseTest {

  private static final String PREFIX = "dev.strata.ee.cdi.AnnotationMisuseTest$";

  @ApplicationScoped
  public static class TwoAnnotations {
    @CacheResult(cacheName = "a")
    @CacheRemove(cacheName = "a")
    public String both(String id) {
      return id;
    }
  }

  @ApplicationScoped
  public static class PutWithoutValue {
    @CachePut(cacheName = "a")
    public void save(String id) {
    }
  }

  @ApplicationScoped
  public static class PutWithTwoValues {
    @CachePut(cacheName = "a")
    public void save(String id, @CacheValue String first, @CacheValue String second) {
    }
  }

  @ApplicationScoped
  public static class ValueWithoutPut {
    public void note(String id, @CacheValue String value) {
    }
  }

  @ApplicationScoped
  public static class ValueOnCacheResult {
    @CacheResult(cacheName = "a")
    public String find(String id, @CacheValue String value) {
      return value;
    }
  }

  @ApplicationScoped
  public static class VoidResult {
    @CacheResult(cacheName = "a")
    public void run(String id) {
    }
  }

  @ApplicationScoped
  public static class KeyOnRemoveAll {
    @CacheRemoveAll(cacheName = "a")
    public void clear(@CacheKey String id) {
    }
  }

  @ApplicationScoped
  public static class KeyIsValue {
    @CachePut(cacheName = "a")
    public void save(@CacheKey @CacheValue String id) {
    }
  }

  @ApplicationScoped
  public static class WellFormed {
    @CachePut(cacheName = "a")
    public void save(@CacheKey String id, @CacheValue String value) {
    }

    @CacheResult(cacheName = "a")
    public String find(String id) {
      return id;
    }
  }

  private static void assertDefinitionError(Class<?> bean, String... fragments) {
    assertThatThrownBy(() -> StrataContainer.builder().beans(bean).start().close())
        .isInstanceOf(DefinitionException.class)
        .hasMessageContainingAll(fragments);
  }

  @Test
  void deploy_twoCacheAnnotationsOnOneMethod_failsNamingMethodAndAnnotations() {
    assertDefinitionError(TwoAnnotations.class, PREFIX + "TwoAnnotations.both()", "@CacheResult and @CacheRemove",
        "only one");
  }

  @Test
  void deploy_cachePutWithoutCacheValue_failsNamingMethod() {
    assertDefinitionError(PutWithoutValue.class, PREFIX + "PutWithoutValue.save()", "0 @CacheValue",
        "mark exactly one parameter @CacheValue");
  }

  @Test
  void deploy_cachePutWithTwoCacheValues_failsNamingMethod() {
    assertDefinitionError(PutWithTwoValues.class, PREFIX + "PutWithTwoValues.save()", "2 @CacheValue");
  }

  @Test
  void deploy_cacheValueOnMethodWithoutCacheAnnotation_failsNamingMethod() {
    assertDefinitionError(ValueWithoutPut.class, PREFIX + "ValueWithoutPut.note()", "not @CachePut");
  }

  @Test
  void deploy_cacheValueOnCacheResultMethod_failsNamingMethod() {
    assertDefinitionError(ValueOnCacheResult.class, PREFIX + "ValueOnCacheResult.find()", "not @CachePut");
  }

  @Test
  void deploy_cacheResultOnVoidMethod_failsNamingMethod() {
    assertDefinitionError(VoidResult.class, PREFIX + "VoidResult.run()", "returns void");
  }

  @Test
  void deploy_cacheKeyOnCacheRemoveAll_failsNamingMethod() {
    assertDefinitionError(KeyOnRemoveAll.class, PREFIX + "KeyOnRemoveAll.clear()", "@CacheRemoveAll", "@CacheKey");
  }

  @Test
  void deploy_parameterIsBothKeyAndValue_failsNamingMethod() {
    assertDefinitionError(KeyIsValue.class, PREFIX + "KeyIsValue.save()", "both @CacheKey and @CacheValue");
  }

  @Test
  void deploy_twoMisusedClasses_reportsBoth() {
    assertThatThrownBy(() -> StrataContainer.builder().beans(VoidResult.class, PutWithoutValue.class).start().close())
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining(PREFIX + "VoidResult.run()")
        .hasMessageContaining(PREFIX + "PutWithoutValue.save()");
  }

  @Test
  void deploy_wellFormedAnnotations_starts() {
    try (StrataContainer container = StrataContainer.builder().beans(WellFormed.class).start()) {
      assertThat(container.bean(WellFormed.class)).isNotNull();
    }
  }
}
