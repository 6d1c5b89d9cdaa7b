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
 * Finds the JSR-107 annotations that apply to a method called on a bean class: the method's own
 * cache annotation, else the nearest one on the bean class or its superclasses, and the nearest
 * {@code @CacheDefaults}. Nearest, because an inherited method called on a subclass follows the
 * subclass (none of these annotations is {@code @Inherited}). The method's declaring class, where
 * it is not in that hierarchy (an interface's default method), is asked last. Stateless.
 */
public final class CacheAnnotations {

  /** The four JSR-107 cache annotations. */
  public static final List<Class<? extends Annotation>> ALL =
      List.of(CacheResult.class, CachePut.class, CacheRemove.class, CacheRemoveAll.class);

  private CacheAnnotations() {
  }

  /** @return the cache annotation that applies to {@code method} called on {@code beanClass}, or null */
  static Annotation of(Class<?> beanClass, Method method) {
    for (Class<? extends Annotation> type : ALL) {
      Annotation found = method.getAnnotation(type);
      if (found != null) {
        return found;
      }
    }
    for (Class<?> type = beanClass; type != null; type = type.getSuperclass()) {
      Annotation found = declaredCacheAnnotation(type);
      if (found != null) {
        return found;
      }
    }
    return declaredCacheAnnotation(method.getDeclaringClass());
  }

  /** @return the {@code @CacheDefaults} that applies to {@code method} called on {@code beanClass}, or null */
  static CacheDefaults defaults(Class<?> beanClass, Method method) {
    for (Class<?> type = beanClass; type != null; type = type.getSuperclass()) {
      CacheDefaults found = type.getDeclaredAnnotation(CacheDefaults.class);
      if (found != null) {
        return found;
      }
    }
    return method.getDeclaringClass().getDeclaredAnnotation(CacheDefaults.class);
  }

  private static Annotation declaredCacheAnnotation(Class<?> type) {
    for (Class<? extends Annotation> annotationType : ALL) {
      Annotation found = type.getDeclaredAnnotation(annotationType);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
