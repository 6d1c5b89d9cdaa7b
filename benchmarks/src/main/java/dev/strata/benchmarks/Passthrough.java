package dev.strata.benchmarks;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An interceptor that only proceeds, at Strata's priority: what Weld charges for any interceptor
 * on a method, the floor under {@code @CacheResult}.
 */
@Passthrough.Binding
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class Passthrough {

  /** Binds {@link Passthrough}. */
  @InterceptorBinding
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.TYPE})
  public @interface Binding {
  }

  @AroundInvoke
  public Object proceed(InvocationContext context) throws Exception {
    return context.proceed();
  }
}
