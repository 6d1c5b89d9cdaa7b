package dev.strata.cache.values;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key shaped like Hibernate's query-cache key: a class with a {@code readObject} hook that
 * recomputes a transient hash, holding a nested object behind an interface-typed field, an
 * {@code Object[]} of parameter values and boxed numbers that may be null.
 */
public final class HookedKey implements Serializable {

  /** The parameters of a query, behind an interface as Hibernate's memento is. */
  public interface Bindings extends Serializable {
  }

  private static final class BindingsImpl implements Bindings {
    private final Object[] values;
    private final int hash;

    private BindingsImpl(Object[] values) {
      this.values = values;
      this.hash = Arrays.deepHashCode(values);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BindingsImpl other && hash == other.hash && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private final String sql;
  private final Bindings bindings;
  private final Integer firstRow;
  private final Integer maxRows;
  private final String[] filters;
  private transient int hash;

  public HookedKey(String sql, long parameter) {
    this.sql = sql;
    this.bindings = new BindingsImpl(new Object[] {null, parameter});
    this.firstRow = null;
    this.maxRows = null;
    this.filters = new String[0];
    this.hash = computeHash();
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    this.hash = computeHash();
  }

  private int computeHash() {
    return 37 * (37 * sql.hashCode() + bindings.hashCode()) + Arrays.hashCode(filters);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HookedKey other && sql.equals(other.sql) && bindings.equals(other.bindings)
        && Objects.equals(firstRow, other.firstRow) && Objects.equals(maxRows, other.maxRows)
        && Arrays.equals(filters, other.filters);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "HookedKey[" + sql + ", " + bindings.hashCode() + "]";
  }
}
