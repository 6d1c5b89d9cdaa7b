package dev.strata.ee.cdi;

import dev.strata.ee.annotation.Invocation;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;

/**
 * One intercepted call, as {@link dev.strata.ee.annotation.CacheInterception} sees it: the adapter
 * from the interceptor's {@link InvocationContext}. Used by the thread of the call only.
 */
record ContextInvocation(InvocationContext context) implements Invocation {

  @Override
  public Object target() {
    return context.getTarget();
  }

  @Override
  public Method method() {
    return context.getMethod();
  }

  @Override
  public Object[] parameters() {
    return context.getParameters();
  }

  @Override
  public Object proceed() throws Exception {
    return context.proceed();
  }
}
