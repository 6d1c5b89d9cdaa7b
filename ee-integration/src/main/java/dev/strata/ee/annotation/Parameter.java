package dev.strata.ee.annotation;

import java.lang.annotation.Annotation;
import java.util.Set;
import javax.cache.annotation.CacheInvocationParameter;

/** One argument of one call, with its declared type and annotations. Immutable. */
record Parameter(Class<?> rawType, Object value, Set<Annotation> annotations, int position)
    implements CacheInvocationParameter {

  @Override
  public Class<?> getRawType() {
    return rawType;
  }

  @Override
  public Object getValue() {
    return value;
  }

  @Override
  public Set<Annotation> getAnnotations() {
    return annotations;
  }

  @Override
  public int getParameterPosition() {
    return position;
  }
}
