package dev.strata.hibernate;

import dev.strata.hibernate.model.Author;
import dev.strata.hibernate.model.Book;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.stat.Statistics;

/**
 * Test fixture: a Hibernate session factory whose second-level cache is Strata, configured
 * exactly as Hibernate documents a JCache provider (the region factory, the provider's class
 * name) and nothing else: no Strata serialization setting. Closing it closes the factory and its
 * caches. Not thread-safe.
 */
final class Orm implements AutoCloseable {

  private final StandardServiceRegistry registry;
  private final SessionFactory factory;

  /**
   * @param jdbcUrl the H2 database
   * @param schema  {@code create-drop} for the JVM that owns the schema, {@code none} for the others
   */
  Orm(String jdbcUrl, String schema) {
    this.registry = new StandardServiceRegistryBuilder()
        .applySettings(Map.ofEntries(
            Map.entry("hibernate.connection.url", jdbcUrl),
            Map.entry("hibernate.connection.username", "sa"),
            Map.entry("hibernate.connection.password", ""),
            Map.entry("hibernate.hbm2ddl.auto", schema),
            Map.entry("hibernate.cache.use_second_level_cache", "true"),
            Map.entry("hibernate.cache.use_query_cache", "true"),
            Map.entry("hibernate.cache.region.factory_class", "jcache"),
            Map.entry("hibernate.javax.cache.provider", "dev.strata.cache.spi.StrataCachingProvider"),
            Map.entry("hibernate.javax.cache.missing_cache_strategy", "create"),
            Map.entry("hibernate.generate_statistics", "true"),
            // the statistics are read by the tests, not logged after every session
            Map.entry("hibernate.session.events.log", "false")))
        .build();
    this.factory = new MetadataSources(registry)
        .addAnnotatedClass(Author.class)
        .addAnnotatedClass(Book.class)
        .buildMetadata()
        .buildSessionFactory();
  }

  /** Runs {@code work} in a new session and transaction, committed when it returns. */
  void write(Consumer<Session> work) {
    factory.inTransaction(work);
  }

  /** @return what {@code work} answers in a new session and transaction */
  <T> T read(Function<Session, T> work) {
    return factory.fromTransaction(work);
  }

  /** Runs {@code work} in a new session and transaction that is rolled back. */
  void rollback(Consumer<Session> work) {
    try (Session session = factory.openSession()) {
      session.beginTransaction();
      try {
        work.accept(session);
        session.flush();
      } finally {
        session.getTransaction().rollback();
      }
    }
  }

  /** @return the factory's statistics: SQL statements, second-level and query cache hits and misses */
  Statistics statistics() {
    return factory.getStatistics();
  }

  /** @return the statements prepared so far: a read served by the cache prepares none */
  long sql() {
    return factory.getStatistics().getPrepareStatementCount();
  }

  @Override
  public void close() {
    factory.close();
    StandardServiceRegistryBuilder.destroy(registry);
  }
}
