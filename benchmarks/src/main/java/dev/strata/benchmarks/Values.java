package dev.strata.benchmarks;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The values the benchmarks cache and copy: what applications put in a cache, not only strings.
 * Every kind is built from a seed, so two runs (and two codecs) see the same contents.
 */
public final class Values {

  private Values() {
  }

  /** The kinds of value, by the name the benchmarks' {@code kind} and {@code valueKind} parameters use. */
  public enum ValueKind {
    /** A 100-character String: immutable, so a provider may share it instead of copying it. */
    STRING,
    /** A 100-byte array: mutable, the smallest payload a copy has to duplicate. */
    BYTES_100,
    /** A 1 KB array. */
    BYTES_1K,
    /** A {@link Product} record: five immutable components. */
    RECORD,
    /** A {@link MutableProduct}: the record's fields behind getters and setters, plus an {@code int[]}. */
    POJO,
    /** An {@link ArrayList} of 10 {@link Product} records. */
    LIST_OF_RECORDS;

    /** @return a value of this kind whose contents depend only on the seed */
    public Object create(int seed) {
      switch (this) {
        case STRING:
          return text(seed, 100);
        case BYTES_100:
          return bytes(seed, 100);
        case BYTES_1K:
          return bytes(seed, 1024);
        case RECORD:
          return product(seed);
        case POJO:
          return MutableProduct.of(product(seed), new int[] {seed, seed + 1, seed + 2, seed + 3});
        case LIST_OF_RECORDS:
          List<Product> products = new ArrayList<>(10);
          for (int i = 0; i < 10; i++) {
            products.add(product(seed * 10 + i));
          }
          return products;
        default:
          throw new AssertionError(this);
      }
    }
  }

  /** A catalogue entry as an immutable record. */
  public record Product(long id, String name, BigDecimal price, long stock, double rating) implements Serializable {
  }

  /** The same entry as a mutable bean with an array field: what a copy must really duplicate. */
  public static final class MutableProduct implements Serializable {
    private static final long serialVersionUID = 1L;

    private long id;
    private String name;
    private BigDecimal price;
    private long stock;
    private double rating;
    private int[] warehouses;

    public MutableProduct() {
    }

    static MutableProduct of(Product product, int[] warehouses) {
      MutableProduct bean = new MutableProduct();
      bean.setId(product.id());
      bean.setName(product.name());
      bean.setPrice(product.price());
      bean.setStock(product.stock());
      bean.setRating(product.rating());
      bean.setWarehouses(warehouses);
      return bean;
    }

    public long getId() {
      return id;
    }

    public void setId(long id) {
      this.id = id;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public BigDecimal getPrice() {
      return price;
    }

    public void setPrice(BigDecimal price) {
      this.price = price;
    }

    public long getStock() {
      return stock;
    }

    public void setStock(long stock) {
      this.stock = stock;
    }

    public double getRating() {
      return rating;
    }

    public void setRating(double rating) {
      this.rating = rating;
    }

    public int[] getWarehouses() {
      return warehouses;
    }

    public void setWarehouses(int[] warehouses) {
      this.warehouses = warehouses;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof MutableProduct that && id == that.id && stock == that.stock
          && Double.compare(rating, that.rating) == 0 && Objects.equals(name, that.name)
          && Objects.equals(price, that.price) && Arrays.equals(warehouses, that.warehouses);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, name, price, stock, rating) * 31 + Arrays.hashCode(warehouses);
    }
  }

  private static Product product(int seed) {
    return new Product(seed, "Product no. " + seed, BigDecimal.valueOf(1_999L + seed % 10_000, 2),
        seed % 500L, 1.0 + (seed % 40) / 10.0);
  }

  private static String text(int seed, int length) {
    StringBuilder text = new StringBuilder(length).append(seed).append(':');
    while (text.length() < length) {
      text.append("strata-benchmark-value-");
    }
    return text.substring(0, length);
  }

  private static byte[] bytes(int seed, int length) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
