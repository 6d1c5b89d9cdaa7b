package dev.strata.ee.cdi;

import java.util.function.Supplier;

/**
 * A value computed on first use, once: a supplier that throws leaves nothing behind, so the next
 * call tries again. The value must not be null. Thread-safe.
 *
 * @param <T> the value type
 */
final class Lazy<T> implements Supplier<T> {

  private final Supplier<T> compute;
  private volatile T value;

  Lazy(Supplier<T> compute) {
    this.compute = compute;
  }

  @Override
  public T get() {
    T current = value;
    if (current == null) {
      synchronized (this) {
        current = value;
        if (current == null) {
          current = compute.get();
          value = current;
        }
      }
    }
    return current;
  }
}
