package dev.strata.ee.annotation;

import java.lang.reflect.Method;

/**
 * One intercepted call, as any container presents it. The CDI interceptors adapt
 * {@code jakarta.interceptor.InvocationContext} to it; tests can call handlers directly.
 */
public interface Invocation {

  /** @return the bean instance the method was called on */
  Object target();

  /** @return the called method; for an inherited method, as its superclass declares it */
  Method method();

  /**
   * @return the class of the bean the method was called on, whose class-level annotations
   *     ({@code @CacheDefaults} included) apply; by default the target's class, which may be a
   *     container's subclass of the bean class
   */
  default Class<?> beanClass() {
    return target().getClass();
  }

  /** @return the arguments; never null */
  Object[] parameters();

  /** Calls the method (or the next interceptor). */
  Object proceed() throws Exception;
}
