package dev.strata.ee.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * The ways the JSR-107 annotations can be put together wrongly on one method, found at deployment
 * so that a mistake fails there rather than silently at the first call. Stateless.
 */
public final class AnnotationMisuse {

  private AnnotationMisuse() {
  }

  /**
   * Lists what is wrong with the cache annotations of a method, in words a developer can act on;
   * empty if nothing is.
   */
  public static List<String> problems(Method method) {
    List<String> problems = new ArrayList<>();
    String where = method.getDeclaringClass().getName() + "." + method.getName() + "()";
    List<String> present = new ArrayList<>();
    for (Class<? extends Annotation> type : CacheAnnotations.ALL) {
      if (method.isAnnotationPresent(type)) {
        present.add("@" + type.getSimpleName());
      }
    }
    if (present.size() > 1) {
      problems.add(where + " carries " + String.join(" and ", present)
          + "; a method may carry only one JSR-107 cache annotation");
    }
    int values = 0;
    int keys = 0;
    for (Annotation[] annotations : method.getParameterAnnotations()) {
      boolean key = false;
      boolean value = false;
      for (Annotation annotation : annotations) {
        key |= annotation instanceof CacheKey;
        value |= annotation instanceof CacheValue;
      }
      if (key && value) {
        problems.add(where + " has a parameter with both @CacheKey and @CacheValue; the value cannot be part of its own key");
      }
      values += value ? 1 : 0;
      keys += key ? 1 : 0;
    }
    if (method.isAnnotationPresent(CachePut.class) && values != 1) {
      problems.add(where + " is @CachePut but has " + values + " @CacheValue parameters; mark exactly one parameter @CacheValue");
    }
    if (!method.isAnnotationPresent(CachePut.class) && values > 0) {
      problems.add(where + " has a @CacheValue parameter but is not @CachePut; @CacheValue only means something on @CachePut");
    }
    if (method.isAnnotationPresent(CacheResult.class) && method.getReturnType() == void.class) {
      problems.add(where + " is @CacheResult but returns void; there is no result to cache (use @CachePut to store a parameter)");
    }
    if (method.isAnnotationPresent(CacheRemoveAll.class) && keys > 0) {
      problems.add(where + " is @CacheRemoveAll but has @CacheKey parameters; @CacheRemoveAll removes every entry and has no key");
    }
    return problems;
  }
}
