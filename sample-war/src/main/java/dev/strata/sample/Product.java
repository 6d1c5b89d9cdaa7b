package dev.strata.sample;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A catalog product as the API shows it, with its review summary. Serializable: Strata keeps it in
 * Hazelcast. Immutable.
 *
 * @param id          the product id
 * @param name        the name
 * @param price       the price in EUR
 * @param reviews     how many reviews it has
 * @param rating      the average review rating, 1 to 5, or 0 without reviews
 */
public record Product(long id, String name, BigDecimal price, long reviews, double rating) implements Serializable {
}
