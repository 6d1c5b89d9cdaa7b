package dev.strata.ee.cdi;

import dev.strata.ee.StrataInterceptors;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.annotation.CacheResult;

/** Applies {@code @CacheResult}; the semantics live in {@link dev.strata.ee.annotation.CacheInterception}. */
@CacheResult
@Interceptor
@Priority(StrataInterceptors.PRIORITY)
public class CacheResultInterceptor extends StrataInterceptor {

  private static final long serialVersionUID = 1L;

  @AroundInvoke
  public Object intercept(InvocationContext context) throws Exception {
    return intercept(context, CacheResult.class);
  }
}
