package dev.strata.cache.copy;

import java.util.Set;

/**
 * What Hibernate ORM (6.x and 7.x) itself writes into the regions of its second-level cache, trusted
 * by exact class name, as Liberty's envelope is: the keys of entity, collection and natural-id
 * regions, the entries those regions hold (with the items and soft locks of READ_WRITE regions),
 * and the query cache's keys and results. The timestamps region holds strings and longs, which
 * every JVM decodes anyway. Nothing else of {@code org.hibernate} is trusted.
 *
 * <p>None of these classes has a {@code readObject} or {@code readResolve} that does more than
 * recompute a hash code from fields already read, and every field they declare is a JDK type,
 * another class of this set, or {@code Object}: decoding one instantiates nothing the allow-list
 * would refuse on its own. What they hold (identifiers, natural ids, parameter values, the
 * disassembled state of entities and collections, query result rows) is the application's and the
 * JDK's types, each passing the allow-list by itself.
 *
 * <p>Trusted only where Hibernate is: when the cache manager's class loader cannot load
 * {@link #MARKER}, none of these names is allowed. Immutable and thread-safe.
 */
final class HibernateRegions {

  /** The class whose presence says Hibernate's second-level cache SPI is there. */
  static final String MARKER = "org.hibernate.cache.spi.QueryKey";

  /** The classes Hibernate stores, and the declared field types named in their bytes but never instantiated. */
  static final Set<String> CLASSES = Set.of(
      // keys of entity, collection and natural-id regions
      "org.hibernate.cache.internal.BasicCacheKeyImplementation",
      "org.hibernate.cache.internal.CacheKeyImplementation",
      "org.hibernate.cache.internal.NaturalIdCacheKey",
      // entries of entity and collection regions
      "org.hibernate.cache.spi.entry.StandardCacheEntryImpl",
      "org.hibernate.cache.spi.entry.CollectionCacheEntry",
      // READ_WRITE regions wrap entries in items and lock them with soft locks
      "org.hibernate.cache.spi.support.AbstractReadWriteAccess$Item",
      "org.hibernate.cache.spi.support.AbstractReadWriteAccess$SoftLockImpl",
      // the query cache: keys, their parameter bindings, results
      MARKER,
      "org.hibernate.cache.spi.QueryKey$ParameterBindingsMemento",
      "org.hibernate.query.internal.QueryParameterBindingsImpl$ParameterBindingsMementoImpl",
      "org.hibernate.cache.internal.QueryResultsCacheImpl$CacheItem");

  private HibernateRegions() {
  }

  /** @return whether Hibernate's second-level cache SPI is visible from {@code loader} */
  static boolean visibleFrom(ClassLoader loader) {
    try {
      Class.forName(MARKER, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
