package dev.strata.cache.values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The values applications cache, each with the deepest change a caller could make to an instance
 * it holds. Mutating must never change what a store-by-value cache holds.
 */
public enum ValueKind {
  STRING(() -> "x".repeat(100), value -> { }),
  BYTES_100(() -> bytes(100), value -> ((byte[]) value)[7]++),
  BYTES_1K(() -> bytes(1024), value -> ((byte[]) value)[1000]++),
  RECORD(() -> Product.of(7), value -> { }),
  POJO(() -> MutableProduct.of(7), value -> {
    MutableProduct product = (MutableProduct) value;
    product.sizes()[0] = 99;
    product.tags().add("changed");
    product.setName("changed");
  }),
  LIST_OF_RECORDS(() -> new ArrayList<>(List.of(Product.of(1), Product.of(2), Product.of(3))),
      value -> {
        @SuppressWarnings("unchecked")
        List<Product> list = (List<Product>) value;
        list.remove(0);
        list.add(Product.of(99));
      }),
  LIST_OF_POJOS(() -> new ArrayList<>(List.of(MutableProduct.of(1), MutableProduct.of(2))),
      value -> ((MutableProduct) ((List<?>) value).get(1)).sizes()[2] = -1),
  MAP_OF_LISTS(() -> new HashMap<>(Map.of("a", new ArrayList<>(List.of("x")))),
      value -> {
        @SuppressWarnings("unchecked")
        Map<String, List<String>> map = (Map<String, List<String>>) value;
        map.get("a").add("y");
        map.put("b", List.of());
      }),
  IMMUTABLE_LIST_OF_RECORDS(() -> List.of(Product.of(1), Product.of(2)), value -> { });

  private final Supplier<Object> factory;
  private final Consumer<Object> mutation;

  ValueKind(Supplier<Object> factory, Consumer<Object> mutation) {
    this.factory = factory;
    this.mutation = mutation;
  }

  /** @return a new instance; every call returns an equal one */
  public Object create() {
    return factory.get();
  }

  /** Changes the instance as deep as a caller could reach. */
  public void mutate(Object value) {
    mutation.accept(value);
  }

  /** @return whether two values are equal, arrays by content */
  public static boolean same(Object a, Object b) {
    return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
  }

  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }
}
