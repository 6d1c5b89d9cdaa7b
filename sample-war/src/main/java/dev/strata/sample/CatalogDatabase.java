package dev.strata.sample;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The catalog's relational store, over the server's {@code jdbc/catalog} data source. A product
 * read also summarises its reviews (count and average over a table of many thousand rows), which
 * is what makes uncached reads slow. Creates and fills the schema at startup. Counts every query
 * that reads a product, so tests can tell a database read from a cache hit. Thread-safe.
 */
@ApplicationScoped
public class CatalogDatabase {

  @Resource(lookup = "jdbc/catalog")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "catalog.products", defaultValue = "200")
  int products;

  @Inject
  @ConfigProperty(name = "catalog.reviews-per-product", defaultValue = "1000")
  int reviewsPerProduct;

  private final AtomicLong productReads = new AtomicLong();
  private final AtomicLong stockReads = new AtomicLong();

  void create(@Observes @Initialized(ApplicationScoped.class) Object started) {
    try (Connection connection = connection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS product (id BIGINT PRIMARY KEY, name VARCHAR(200) NOT NULL,"
          + " price DECIMAL(10,2) NOT NULL, stock INT NOT NULL)");
      statement.execute("CREATE TABLE IF NOT EXISTS review (product_id BIGINT NOT NULL, rating INT NOT NULL)");
      try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM product")) {
        count.next();
        if (count.getLong(1) > 0) {
          return;
        }
      }
      statement.execute("INSERT INTO product SELECT X, 'Product ' || X, 10 + MOD(X * 7, 90), 100 FROM SYSTEM_RANGE(1, " + products + ")");
      // reviews are deliberately not indexed by product: summarising them scans the table, like a report query would
      statement.execute("INSERT INTO review SELECT MOD(X, " + products + ") + 1, MOD(X * 13, 5) + 1 FROM SYSTEM_RANGE(1, "
          + ((long) products * reviewsPerProduct) + ")");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the catalog schema in jdbc/catalog", e);
    }
  }

  /** @return the product with its review summary, if it exists */
  public Optional<Product> product(long id) {
    productReads.incrementAndGet();
    long started = System.nanoTime();
    String sql = "SELECT p.id, p.name, p.price, COUNT(r.rating), COALESCE(AVG(CAST(r.rating AS DOUBLE)), 0)"
        + " FROM product p LEFT JOIN review r ON r.product_id = p.id WHERE p.id = ? GROUP BY p.id, p.name, p.price";
    try (Connection connection = connection(); PreparedStatement query = connection.prepareStatement(sql)) {
      query.setLong(1, id);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(new Product(row.getLong(1), row.getString(2), row.getBigDecimal(3), row.getLong(4),
            Math.round(row.getDouble(5) * 100) / 100.0));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read product " + id, e);
    } finally {
      DatabaseTime.since(started);
    }
  }

  /**
   * Reads every product with its review summary, as {@link #product} would, in two queries (the
   * products, then the reviews summarised by product), not one query per product: what warming
   * the cache at startup reads. Counts as one product read.
   *
   * @return every product, by id
   */
  public List<Product> products() {
    productReads.incrementAndGet();
    try (Connection connection = connection(); Statement statement = connection.createStatement()) {
      Map<Long, double[]> summaries = new HashMap<>();
      try (ResultSet row = statement.executeQuery(
          "SELECT product_id, COUNT(rating), AVG(CAST(rating AS DOUBLE)) FROM review GROUP BY product_id")) {
        while (row.next()) {
          summaries.put(row.getLong(1), new double[] {row.getLong(2), row.getDouble(3)});
        }
      }
      List<Product> products = new ArrayList<>();
      try (ResultSet row = statement.executeQuery("SELECT id, name, price FROM product ORDER BY id")) {
        while (row.next()) {
          double[] summary = summaries.getOrDefault(row.getLong(1), new double[] {0, 0});
          products.add(new Product(row.getLong(1), row.getString(2), row.getBigDecimal(3), (long) summary[0],
              Math.round(summary[1] * 100) / 100.0));
        }
      }
      return products;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the products", e);
    }
  }

  /** @return the units in stock, or -1 if the product does not exist */
  public int stock(long id) {
    stockReads.incrementAndGet();
    long started = System.nanoTime();
    try (Connection connection = connection();
         PreparedStatement query = connection.prepareStatement("SELECT stock FROM product WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getInt(1) : -1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the stock of product " + id, e);
    } finally {
      DatabaseTime.since(started);
    }
  }

  /**
   * Changes a product and, before the change commits, runs {@code whileLocked} (the cache's write),
   * holding the product's row lock: two servers changing one product at once then write the cache in
   * the order the database applied their changes, and the cache cannot end with the older one. A
   * failure of {@code whileLocked} rolls the change back.
   *
   * @return whether the product existed and was changed
   */
  public boolean update(long id, String name, BigDecimal price, Runnable whileLocked) {
    long started = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement update = connection.prepareStatement("UPDATE product SET name = ?, price = ? WHERE id = ?")) {
        update.setString(1, name);
        update.setBigDecimal(2, price);
        update.setLong(3, id);
        if (update.executeUpdate() != 1) {
          connection.rollback();
          return false;
        }
        DatabaseTime.since(started);
        whileLocked.run();
        started = System.nanoTime();
        connection.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not change product " + id, e);
    } finally {
      DatabaseTime.since(started);
    }
  }

  /** Sets the stock directly, as the warehouse system would: nothing in the application hears of it. */
  public boolean setStock(long id, int stock) {
    return execute("UPDATE product SET stock = ? WHERE id = ?", stock, id) == 1;
  }

  /** @return whether the product existed */
  public boolean delete(long id) {
    execute("DELETE FROM review WHERE product_id = ?", id);
    return execute("DELETE FROM product WHERE id = ?", id) == 1;
  }

  /** Inserts or replaces products in one transaction; returns how many. */
  public int upsert(List<ProductUpdate> updates) {
    try (Connection connection = connection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement merge = connection.prepareStatement(
          "MERGE INTO product (id, name, price, stock) KEY (id) VALUES (?, ?, ?, COALESCE((SELECT stock FROM product WHERE id = ?), 0))")) {
        for (ProductUpdate update : updates) {
          merge.setLong(1, update.id());
          merge.setString(2, update.name());
          merge.setBigDecimal(3, update.price());
          merge.setLong(4, update.id());
          merge.addBatch();
        }
        merge.executeBatch();
        connection.commit();
        return updates.size();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not import " + updates.size() + " products", e);
    }
  }

  /**
   * A connection that commits each statement. Liberty rolls back what a connection outside a
   * transaction left uncommitted, so the catalog never relies on the driver's default.
   */
  private Connection connection() throws SQLException {
    Connection connection = dataSource.getConnection();
    connection.setAutoCommit(true);
    return connection;
  }

  private int execute(String sql, Object... parameters) {
    long started = System.nanoTime();
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Catalog update failed: " + sql, e);
    } finally {
      DatabaseTime.since(started);
    }
  }

  /** @return how many product reads reached the database */
  public long productReads() {
    return productReads.get();
  }

  /** @return how many stock reads reached the database */
  public long stockReads() {
    return stockReads.get();
  }
}
