package dev.strata.ee.annotation;

import java.lang.annotation.Annotation;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/**
 * Decides whether a thrown exception matches an annotation's include and exclude lists (such as
 * {@code cachedExceptions}/{@code nonCachedExceptions} or {@code evictFor}/{@code noEvictFor}).
 * When a class matches both lists, the closer (more specific) match wins. Immutable.
 */
public final class ExceptionFilter {

  private final Class<? extends Throwable>[] include;
  private final Class<? extends Throwable>[] exclude;
  private final boolean whenBothEmpty;

  /**
   * @param whenBothEmpty the answer when neither list names a class
   */
  public ExceptionFilter(Class<? extends Throwable>[] include, Class<? extends Throwable>[] exclude, boolean whenBothEmpty) {
    this.include = include.clone();
    this.exclude = exclude.clone();
    this.whenBothEmpty = whenBothEmpty;
  }

  /**
   * @return the filter of a cache annotation: for {@code @CacheResult}, which exceptions go to the
   *     exception cache (all, when neither list names one); for the others, after which exceptions
   *     an {@code afterInvocation} put or removal still happens (none, when neither list names one)
   */
  static ExceptionFilter of(Annotation annotation) {
    if (annotation instanceof CacheResult result) {
      return new ExceptionFilter(result.cachedExceptions(), result.nonCachedExceptions(), true);
    }
    if (annotation instanceof CachePut put) {
      return new ExceptionFilter(put.cacheFor(), put.noCacheFor(), false);
    }
    if (annotation instanceof CacheRemove remove) {
      return new ExceptionFilter(remove.evictFor(), remove.noEvictFor(), false);
    }
    CacheRemoveAll removeAll = (CacheRemoveAll) annotation;
    return new ExceptionFilter(removeAll.evictFor(), removeAll.noEvictFor(), false);
  }

  public boolean matches(Throwable thrown) {
    if (include.length == 0 && exclude.length == 0) {
      return whenBothEmpty;
    }
    int included = distance(thrown.getClass(), include);
    int excluded = distance(thrown.getClass(), exclude);
    if (include.length == 0) {
      return excluded < 0;
    }
    return included >= 0 && (excluded < 0 || included < excluded);
  }

  /** @return how many superclass steps lead from type to the closest listed class, or -1 */
  private static int distance(Class<?> type, Class<? extends Throwable>[] listed) {
    int best = -1;
    for (Class<? extends Throwable> candidate : listed) {
      if (candidate.isAssignableFrom(type)) {
        int steps = 0;
        for (Class<?> c = type; c != null && !c.equals(candidate); c = c.getSuperclass()) {
          steps++;
        }
        if (best < 0 || steps < best) {
          best = steps;
        }
      }
    }
    return best;
  }
}
