package dev.strata.ee.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import javax.cache.annotation.CacheMethodDetails;

/**
 * The static facts of an annotated method that a {@code CacheResolverFactory} sees. Immutable.
 *
 * @param <A> the cache annotation type
 */
record CacheSignature<A extends Annotation>(Method method, Set<Annotation> annotations, A cacheAnnotation, String cacheName)
    implements CacheMethodDetails<A> {

  @Override
  public Method getMethod() {
    return method;
  }

  @Override
  public Set<Annotation> getAnnotations() {
    return annotations;
  }

  @Override
  public A getCacheAnnotation() {
    return cacheAnnotation;
  }

  @Override
  public String getCacheName() {
    return cacheName;
  }
}
