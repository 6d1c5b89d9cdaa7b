package dev.strata.cache.copy;

/**
 * Thrown by {@link Codec} when bytes name a class the {@link AllowList} does not allow, before any
 * instance of it exists; or when a value to encode holds such a class, before anything is written.
 * The tier that called the codec turns it into a {@link javax.cache.CacheException} naming the
 * cache.
 */
public final class RejectedClassException extends RuntimeException {

  private final String className;

  RejectedClassException(String className) {
    super("class " + className + " is not on Strata's serialization allow-list", null, false, false);
    this.className = className;
  }

  /** @return the name of the class that was refused */
  public String className() {
    return className;
  }

  /** @return what to add to the allow-list for it: the class, or its package, e.g. {@code com.acme.Money, or com.acme.*} */
  public String allowEntries() {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? className : className + ", or " + className.substring(0, dot) + ".*";
  }
}
