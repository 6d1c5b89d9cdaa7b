package dev.strata.ee.cdi;

import dev.strata.ee.InvalidateTag;
import dev.strata.ee.StrataInterceptors;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;

/** Applies {@link InvalidateTag}; the semantics live in {@link dev.strata.ee.annotation.TagInvalidation}. */
@InvalidateTag
@Interceptor
@Priority(StrataInterceptors.PRIORITY)
public class InvalidateTagInterceptor implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject
  transient StrataRuntime runtime;

  @AroundInvoke
  public Object intercept(InvocationContext context) throws Exception {
    try {
      return runtime.tagInvalidation().intercept(new ContextInvocation(context));
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("Unexpected throwable from a method with @InvalidateTag", t);
    }
  }
}
