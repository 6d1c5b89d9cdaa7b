package dev.strata.cache.tier;

/** Arithmetic on instants that saturates at {@link Long#MAX_VALUE}, "never", instead of wrapping. */
public final class Saturated {

  private Saturated() {
  }

  public static long add(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /** @return {@code a * b} for positive factors, or {@link Long#MAX_VALUE} if that overflows */
  static long multiply(long a, long b) {
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}
