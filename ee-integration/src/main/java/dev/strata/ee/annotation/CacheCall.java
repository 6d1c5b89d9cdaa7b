package dev.strata.ee.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyInvocationContext;

/**
 * What resolvers and key generators see of one intercepted call. Built per call, cheaply: the
 * static parts come from {@link MethodDetails}. Not shared between threads.
 *
 * @param <A> the cache annotation type
 */
final class CacheCall<A extends Annotation> implements CacheKeyInvocationContext<A> {

  private final MethodDetails<A> details;
  private final Invocation invocation;
  private CacheInvocationParameter[] all;

  CacheCall(MethodDetails<A> details, Invocation invocation) {
    this.details = details;
    this.invocation = invocation;
  }

  /** @return the call's arguments */
  Object[] arguments() {
    return invocation.parameters();
  }

  @Override
  public Object getTarget() {
    return invocation.target();
  }

  @Override
  public CacheInvocationParameter[] getAllParameters() {
    if (all == null) {
      Object[] values = invocation.parameters();
      all = new CacheInvocationParameter[values.length];
      for (int i = 0; i < values.length; i++) {
        all[i] = details.parameters().parameter(i, values[i]);
      }
    }
    return all.clone();
  }

  @Override
  public CacheInvocationParameter[] getKeyParameters() {
    ParameterLayout layout = details.parameters();
    int[] indexes = layout.keyIndexes();
    Object[] values = invocation.parameters();
    CacheInvocationParameter[] keys = new CacheInvocationParameter[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      keys[i] = layout.parameter(indexes[i], values[indexes[i]]);
    }
    return keys;
  }

  @Override
  public CacheInvocationParameter getValueParameter() {
    int index = details.parameters().valueIndex();
    return index < 0 ? null : details.parameters().parameter(index, invocation.parameters()[index]);
  }

  @Override
  public Method getMethod() {
    return details.getMethod();
  }

  @Override
  public Set<Annotation> getAnnotations() {
    return details.getAnnotations();
  }

  @Override
  public A getCacheAnnotation() {
    return details.getCacheAnnotation();
  }

  @Override
  public String getCacheName() {
    return details.getCacheName();
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    if (clazz.isInstance(invocation)) {
      return clazz.cast(invocation);
    }
    throw new IllegalArgumentException("A Strata cache invocation context cannot be unwrapped to " + clazz.getName());
  }
}
