package org.hibernate.cache.internal;

import java.io.Serializable;

/**
 * A class in Hibernate's cache package that is not one of the classes Hibernate stores in its
 * regions: Strata must refuse it as it refuses any class nobody allowed.
 */
public final class LookalikeCacheKey implements Serializable {
  public final String id;

  public LookalikeCacheKey(String id) {
    this.id = id;
  }
}
