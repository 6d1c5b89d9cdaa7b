package dev.strata.ee.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/**
 * Finds the JSR-107 annotations that apply to a method: the method's own cache annotation, else
 * its class's, and its class's {@code @CacheDefaults}. Stateless.
 */
public final class CacheAnnotations {

  /** The four JSR-107 cache annotations. */
  public static final List<Class<? extends Annotation>> ALL =
      List.of(CacheResult.class, CachePut.class, CacheRemove.class, CacheRemoveAll.class);

  private CacheAnnotations() {
  }

  /** @return the method's cache annotation, else its class's, else null */
  static Annotation of(Method method) {
    for (Class<? extends Annotation> type : ALL) {
      Annotation found = method.getAnnotation(type);
      if (found != null) {
        return found;
      }
    }
    for (Class<? extends Annotation> type : ALL) {
      Annotation found = method.getDeclaringClass().getAnnotation(type);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** @return the {@code @CacheDefaults} of the method's class, or null */
  static CacheDefaults defaults(Method method) {
    return method.getDeclaringClass().getAnnotation(CacheDefaults.class);
  }
}
