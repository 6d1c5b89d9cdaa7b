package dev.strata.cache.values;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A mutable bean with nested mutable state (an array and a list), as entities and DTOs are. */
public final class MutableProduct implements Serializable {

  private long id;
  private String name;
  private BigDecimal price;
  private int[] sizes;
  private List<String> tags;

  public static MutableProduct of(long id) {
    MutableProduct product = new MutableProduct();
    product.id = id;
    product.name = "product " + id;
    product.price = new BigDecimal("9.90");
    product.sizes = new int[] {36, 38, 40};
    product.tags = new ArrayList<>(List.of("new", "sale"));
    return product;
  }

  public void setName(String name) {
    this.name = name;
  }

  public int[] sizes() {
    return sizes;
  }

  public List<String> tags() {
    return tags;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MutableProduct other && id == other.id && Objects.equals(name, other.name)
        && Objects.equals(price, other.price) && Arrays.equals(sizes, other.sizes) && Objects.equals(tags, other.tags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, price, Arrays.hashCode(sizes), tags);
  }

  @Override
  public String toString() {
    return "MutableProduct[" + id + ", " + name + ", " + price + ", " + Arrays.toString(sizes) + ", " + tags + "]";
  }
}
