package dev.strata.ee.cdi;

import dev.strata.ee.annotation.CacheInterception;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import java.lang.annotation.Annotation;

/**
 * What Strata's four interceptors share: the application's {@link CacheInterception}, looked up
 * through the runtime once per interceptor instance rather than once per call.
 */
abstract class StrataInterceptor implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject
  transient StrataRuntime runtime;

  private transient CacheInterception interception;

  /** Runs one call intercepted by the interceptor of {@code binding}. */
  Object intercept(InvocationContext context, Class<? extends Annotation> binding) throws Exception {
    CacheInterception current = interception;
    if (current == null) {
      current = runtime.interception();
      interception = current;
    }
    try {
      return current.intercept(new ContextInvocation(context), binding);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("Unexpected throwable from a cached method", t);
    }
  }
}
