package dev.strata.ee.cdi;

import dev.strata.ee.StrataInterceptors;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import javax.cache.annotation.CacheRemoveAll;

/** Applies {@code @CacheRemoveAll}; the semantics live in {@link dev.strata.ee.annotation.CacheInterception}. */
@CacheRemoveAll
@Interceptor
@Priority(StrataInterceptors.PRIORITY)
public class CacheRemoveAllInterceptor implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject
  transient StrataRuntime runtime;

  @AroundInvoke
  public Object intercept(InvocationContext context) throws Exception {
    return runtime.intercept(context, CacheRemoveAll.class);
  }
}
