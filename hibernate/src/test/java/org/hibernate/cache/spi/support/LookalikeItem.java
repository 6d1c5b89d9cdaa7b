package org.hibernate.cache.spi.support;

import java.io.Serializable;

/**
 * A class in the package of Hibernate's READ_WRITE items that Hibernate never stores: Strata must
 * refuse it like any class nobody allowed, Hibernate on the class path or not.
 */
public final class LookalikeItem implements Serializable {
  public final Object value;

  public LookalikeItem(Object value) {
    this.value = value;
  }
}
