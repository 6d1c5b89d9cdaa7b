package dev.strata.ee.cdi;

import dev.strata.ee.StrataInterceptors;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import javax.cache.annotation.CachePut;

/** Applies {@code @CachePut}; the semantics live in {@link dev.strata.ee.annotation.CacheInterception}. */
@CachePut
@Interceptor
@Priority(StrataInterceptors.PRIORITY)
public class CachePutInterceptor implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject
  transient StrataRuntime runtime;

  @AroundInvoke
  public Object intercept(InvocationContext context) throws Exception {
    return runtime.intercept(context, CachePut.class);
  }
}
