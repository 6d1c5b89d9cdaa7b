package dev.strata.ee;

import jakarta.interceptor.Interceptor;

/** Constants shared by Strata's CDI interceptors. */
public final class StrataInterceptors {

  /**
   * The priority of Strata's caching interceptors: early in the library range, so that they run
   * outside application interceptors (a cached result skips them all), and inside platform
   * interceptors such as transactions.
   */
  public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 100;

  private StrataInterceptors() {
  }
}
