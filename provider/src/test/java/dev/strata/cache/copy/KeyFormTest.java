package dev.strata.cache.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.cache.values.HookedKey;
import dev.strata.cache.values.Product;
import dev.strata.gadget.Gadget;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hibernate.cache.internal.LookalikeCacheKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * A key's L2 form depends on the key alone: L2 finds an entry by the bytes of its key, so two JVMs
 * must write one logical key the same way whatever each encoded or decoded before. Key bytes pass
 * the allow-list both ways, and Hibernate's region classes are trusted only where Hibernate is.
 */
class KeyFormTest {

  /** A plain serializable key class with fields of JDK types, as applications write them. */
  static final class OrderKey implements Serializable {
    final String tenant;
    final long id;

    OrderKey(String tenant, long id) {
      this.tenant = tenant;
      this.id = id;
    }
  }

  private static Codec codec() {
    return codec(KeyFormTest.class.getClassLoader(), Set.of("dev.strata.cache."));
  }

  private static Codec codec(ClassLoader loader, Set<String> packages) {
    return new Codec(loader, new AllowList(Set.of(), packages), new ImmutableTypes(Set.of()));
  }

  static Stream<Arguments> keyKinds() {
    return Stream.of(
        Arguments.of("a class with serialization hooks (Hibernate's query key)", (Supplier<Object>) () -> new HookedKey("q", 4), (Supplier<Object>) () -> new HookedKey("q", 2)),
        Arguments.of("a record", (Supplier<Object>) () -> Product.of(4), (Supplier<Object>) () -> Product.of(2)),
        Arguments.of("a plain class", (Supplier<Object>) () -> new OrderKey("acme", 4), (Supplier<Object>) () -> new OrderKey("acme", 2)),
        Arguments.of("a list of parameters", (Supplier<Object>) () -> new ArrayList<>(List.of("find", 4L)), (Supplier<Object>) () -> new ArrayList<>(List.of("find", 2L))),
        Arguments.of("an immutable map", (Supplier<Object>) () -> Map.of("id", 4L), (Supplier<Object>) () -> Map.of("id", 2L)));
  }

  /**
   * Regression: B decodes another key of the class (an invalidation from A) before it first
   * encodes one; its bytes for the key must still be A's. With Fory's form, the hooked key's were
   * not (B missed in L2 what A had cached).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("keyKinds")
  void encodeKey_afterDecodingAnotherKeyOfItsClass_writesWhatAFreshJvmWrites(String kind, Supplier<Object> key, Supplier<Object> other) {
    Codec a = codec();
    Codec b = codec();
    byte[] otherFromA = a.encodeKey(other.get(), true);
    byte[] onA = a.encodeKey(key.get(), true);

    b.decode(otherFromA, 0);
    byte[] onB = b.encodeKey(key.get(), true);

    assertThat(onB).as(kind).isEqualTo(onA);
    assertThat(codec().encodeKey(key.get(), true)).as(kind + ", fresh").isEqualTo(onA);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keyKinds")
  void decode_encodedKey_isAnEqualKey(String kind, Supplier<Object> key, Supplier<Object> other) {
    Codec codec = codec();
    Object decoded = codec.decode(codec.encodeKey(key.get(), true), 0);

    assertThat(decoded).as(kind).usingRecursiveComparison().isEqualTo(key.get());
    assertThat(decoded.getClass()).isEqualTo(key.get().getClass());
  }

  @Test
  void encodeKey_taggedKinds_keepTheirCompactForms() {
    Codec codec = codec();
    assertThat(codec.encodeKey("k", true)).isEqualTo(codec.encode("k", 0));
    assertThat(codec.encodeKey(7, true)).isEqualTo(codec.encode(7, 0));
    assertThat(codec.encodeKey(7L, true)).isEqualTo(codec.encode(7L, 0));
  }

  @Test
  void decode_keyNamingAClassNotAllowed_isRefusedBeforeItsReadObjectRuns() {
    byte[] bytes = codec(KeyFormTest.class.getClassLoader(), Set.of("dev.strata.gadget.")).encodeKey(new Gadget(), true);
    Gadget.READS.set(0);

    assertThatThrownBy(() -> codec().decode(bytes, 0))
        .isInstanceOf(RejectedClassException.class)
        .satisfies(e -> assertThat(((RejectedClassException) e).className()).isEqualTo(Gadget.class.getName()));
    assertThat(Gadget.READS).hasValue(0);
  }

  @Test
  void encodeKey_holdingAClassNotAllowed_isRefused() {
    assertThatThrownBy(() -> codec().encodeKey(new ArrayList<>(List.of("fine", new Gadget())), true))
        .isInstanceOf(RejectedClassException.class)
        .satisfies(e -> assertThat(((RejectedClassException) e).className()).isEqualTo(Gadget.class.getName()));
  }

  @Test
  void encodeKey_hibernateLookalikeOutsideTheTrustedSet_isRefused() {
    assertThatThrownBy(() -> codec().encodeKey(new LookalikeCacheKey("1"), true))
        .isInstanceOf(RejectedClassException.class)
        .satisfies(e -> assertThat(((RejectedClassException) e).className()).isEqualTo(LookalikeCacheKey.class.getName()));
    assertThat(codec().allowList().allows("org.hibernate.cache.internal.LookalikeCacheKey")).isFalse();
    assertThat(codec().allowList().allows("org.hibernate.internal.SessionImpl")).isFalse();
  }

  @Test
  void allowList_seenWhereHibernateIs_trustsExactlyItsRegionClasses() {
    AllowList seen = new AllowList(Set.of(), Set.of()).seenFrom(KeyFormTest.class.getClassLoader());

    assertThat(seen.trustsHibernate()).isTrue();
    assertThat(HibernateRegions.CLASSES).allSatisfy(name -> assertThat(seen.allows(name)).as(name).isTrue());
    assertThat(seen.allows("[Lorg.hibernate.cache.internal.CacheKeyImplementation;")).isTrue();
    assertThat(seen.allows("org.hibernate.cache.spi.support.AbstractReadWriteAccess")).isFalse();
    assertThat(seen.allows("org.hibernate.cache.spi.entry.ReferenceCacheEntryImpl")).isFalse();
  }

  /** Plain Java SE without Hibernate: none of Hibernate's names is trusted, so none decodes. */
  @Test
  void allowList_seenWhereHibernateIsNot_trustsNoneOfItsClasses() {
    ClassLoader withoutHibernate = new ClassLoader(KeyFormTest.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("org.hibernate.")) {
          throw new ClassNotFoundException(name);
        }
        return super.loadClass(name, resolve);
      }
    };
    AllowList seen = new AllowList(Set.of(), Set.of()).seenFrom(withoutHibernate);

    assertThat(seen.trustsHibernate()).isFalse();
    assertThat(HibernateRegions.CLASSES).allSatisfy(name -> assertThat(seen.allows(name)).as(name).isFalse());
    assertThat(codec(withoutHibernate, Set.of()).allowList().allows(HibernateRegions.MARKER)).isFalse();
  }
}
