package dev.strata.ee.annotation;

import java.lang.reflect.Method;

/**
 * One intercepted call, as any container presents it. The CDI interceptors adapt
 * {@code jakarta.interceptor.InvocationContext} to it; tests can call handlers directly.
 */
public interface Invocation {

  /** @return the bean instance the method was called on */
  Object target();

  /** @return the called method, as declared by the bean class */
  Method method();

  /** @return the arguments; never null */
  Object[] parameters();

  /** Calls the method (or the next interceptor). */
  Object proceed() throws Exception;
}
