package dev.strata.cache.values;

import java.io.Serializable;
import java.math.BigDecimal;

/** An immutable catalog entry, as applications cache them. */
public record Product(long id, String name, BigDecimal price, long stock, double rating) implements Serializable {

  public static Product of(long id) {
    return new Product(id, "product " + id, new BigDecimal("9.90"), 3 * id, 4.5);
  }
}
