package dev.strata.sample;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Answers every API request with a {@code Server-Timing} header: {@code app} is the time the
 * server spent on it outside the database (the cache, the application, the REST layer up to the
 * response), {@code db} the time in the database, {@code cache} the part of {@code app} spent in
 * cached calls of the product API (the cache's lookups, leases and writes), all in milliseconds. Browsers show it in their
 * developer tools; the integration tests read it to measure the first requests after a deploy.
 */
@Provider
public class ServerTiming implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String STARTED = ServerTiming.class.getName() + ".started";

  @Override
  public void filter(ContainerRequestContext request) {
    DatabaseTime.reset();
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(STARTED) instanceof Long started)) {
      return;
    }
    long total = System.nanoTime() - started;
    long database = DatabaseTime.nanos();
    response.getHeaders().add("Server-Timing", String.format(Locale.ROOT, "app;dur=%.3f, db;dur=%.3f, cache;dur=%.3f",
        (total - database) / 1e6, database / 1e6, DatabaseTime.cacheNanos() / 1e6));
  }
}
