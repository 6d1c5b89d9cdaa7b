package dev.strata.sample;

import java.math.BigDecimal;

/**
 * What a client sends to change or import a product.
 *
 * @param id    the product id (for imports; ignored on PUT, where the path names it)
 * @param name  the new name
 * @param price the new price in EUR
 */
public record ProductUpdate(Long id, String name, BigDecimal price) {
}
