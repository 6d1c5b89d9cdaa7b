package dev.strata.cache.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ImmutableTypesTest {

  record Product(long id, String name, BigDecimal price, long stock, double rating) implements Serializable {
  }

  record Tagged(String name, List<String> tags) implements Serializable {
  }

  record WithArray(String name, int[] sizes) implements Serializable {
  }

  record Order(long id, Product product, TimeUnit unit, Instant at) implements Serializable {
  }

  record Tree(String label, Tree left, Tree right) implements Serializable {
  }

  record Anything(Object any) implements Serializable {
  }

  static final class Money implements Serializable {
    final long cents;

    Money(long cents) {
      this.cents = cents;
    }
  }

  static final class Pojo implements Serializable {
    String name;
  }

  private final ImmutableTypes types = new ImmutableTypes(Set.of(Money.class.getName()));

  private static Product product(long id) {
    return new Product(id, "cup " + id, new BigDecimal("9.90"), 3, 4.5);
  }

  @Test
  void strategyFor_jdkValueTypesAndEnums_shares() {
    for (Object value : List.of("s", 1, 2L, new BigDecimal("1.5"), Instant.EPOCH, TimeUnit.SECONDS, java.util.UUID.randomUUID())) {
      assertThat(types.strategyFor(value)).as(value.getClass().getName()).isEqualTo(CopyStrategy.SHARE);
    }
  }

  @Test
  void strategyFor_recordOfImmutableComponents_shares() {
    assertThat(types.strategyFor(product(1))).isEqualTo(CopyStrategy.SHARE);
    assertThat(types.strategyFor(new Order(1, product(1), TimeUnit.DAYS, Instant.EPOCH))).isEqualTo(CopyStrategy.SHARE);
  }

  @Test
  void strategyFor_recordWithACollectionComponent_sharesOnlyWhenTheCollectionIsImmutable() {
    assertThat(types.strategyFor(new Tagged("a", List.of("x", "y")))).isEqualTo(CopyStrategy.SHARE);
    assertThat(types.strategyFor(new Tagged("a", new ArrayList<>(List.of("x"))))).isEqualTo(CopyStrategy.DECODE);
    assertThat(types.strategyFor(new Tagged("a", Collections.unmodifiableList(new ArrayList<>(List.of("x"))))))
        .as("an unmodifiable view: whoever holds the list behind it can still change it")
        .isEqualTo(CopyStrategy.DECODE);
  }

  @Test
  void strategyFor_recordWithAnArrayOrAMutableComponent_decodes() {
    assertThat(types.strategyFor(new WithArray("a", new int[] {1}))).isEqualTo(CopyStrategy.DECODE);
    assertThat(types.strategyFor(new Anything(new Pojo()))).isEqualTo(CopyStrategy.DECODE);
    assertThat(types.strategyFor(new Anything("text"))).isEqualTo(CopyStrategy.SHARE);
  }

  @Test
  void strategyFor_recursiveRecordType_decidesWithoutLooping() {
    Tree tree = new Tree("root", new Tree("l", null, null), new Tree("r", null, null));
    assertThat(types.strategyFor(tree)).isEqualTo(CopyStrategy.SHARE);
  }

  @Test
  void strategyFor_immutableCollectionsOfImmutableElements_shares() {
    assertThat(types.strategyFor(List.of(product(1), product(2)))).isEqualTo(CopyStrategy.SHARE);
    assertThat(types.strategyFor(Map.of("a", product(1)))).isEqualTo(CopyStrategy.SHARE);
    assertThat(types.strategyFor(Set.of("a"))).isEqualTo(CopyStrategy.SHARE);
    assertThat(types.strategyFor(List.of())).isEqualTo(CopyStrategy.SHARE);
    assertThat(types.strategyFor(Collections.singletonList("a"))).isEqualTo(CopyStrategy.SHARE);
    assertThat(types.strategyFor(java.util.stream.Stream.of("a").toList())).isEqualTo(CopyStrategy.SHARE);
    assertThat(types.strategyFor(List.of(new Pojo()))).isEqualTo(CopyStrategy.DECODE);
  }

  @Test
  void strategyFor_plainCollectionOfImmutableElements_copiesTheCollectionOnly() {
    ArrayList<Product> list = new ArrayList<>(List.of(product(1), product(2)));
    assertThat(types.strategyFor(list)).isEqualTo(CopyStrategy.COPY_COLLECTION);
    HashMap<String, Product> map = new HashMap<>(Map.of("a", product(1)));
    assertThat(types.strategyFor(map)).isEqualTo(CopyStrategy.COPY_COLLECTION);

    @SuppressWarnings("unchecked")
    List<Product> copy = (List<Product>) CopyStrategy.COPY_COLLECTION.copy(list);
    assertThat(copy).isEqualTo(list).isNotSameAs(list);
    copy.add(product(3));
    assertThat(list).hasSize(2);
  }

  @Test
  void strategyFor_plainCollectionOfMutableElements_decodes() {
    ArrayList<Object> list = new ArrayList<>();
    list.add(new Pojo());
    assertThat(types.strategyFor(list)).isEqualTo(CopyStrategy.DECODE);
    assertThat(types.strategyFor(new ArrayList<>(List.of(new ArrayList<>())))).isEqualTo(CopyStrategy.DECODE);
  }

  @Test
  void strategyFor_primitiveArray_clones() {
    byte[] bytes = {1, 2, 3};
    assertThat(types.strategyFor(bytes)).isEqualTo(CopyStrategy.CLONE_ARRAY);
    byte[] copy = (byte[]) CopyStrategy.CLONE_ARRAY.copy(bytes);
    assertThat(copy).isEqualTo(bytes).isNotSameAs(bytes);
    assertThat(types.strategyFor(new long[] {1})).isEqualTo(CopyStrategy.CLONE_ARRAY);
    assertThat(types.strategyFor(new String[] {"a"})).as("an object array can be changed").isEqualTo(CopyStrategy.DECODE);
  }

  @Test
  void strategyFor_mutableClassesAndOptional_decode() {
    assertThat(types.strategyFor(new Pojo())).isEqualTo(CopyStrategy.DECODE);
    assertThat(types.strategyFor(new java.util.Date())).isEqualTo(CopyStrategy.DECODE);
    assertThat(types.strategyFor(Optional.of(new Pojo()))).isEqualTo(CopyStrategy.DECODE);
  }

  @Test
  void strategyFor_classTheOperatorDeclaredImmutable_shares() {
    assertThat(types.strategyFor(new Money(5))).isEqualTo(CopyStrategy.SHARE);
    assertThat(new ImmutableTypes(Set.of()).strategyFor(new Money(5))).isEqualTo(CopyStrategy.DECODE);
  }
}
