package dev.strata.ee.cdi;

/**
 * The class loader through which Strata reads the application's configuration and finds its
 * provider: the thread's context class loader (the application's, in a server), else strata-ee's
 * own. Stateless.
 */
final class ApplicationClassLoader {

  private ApplicationClassLoader() {
  }

  static ClassLoader get() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ApplicationClassLoader.class.getClassLoader();
  }
}
