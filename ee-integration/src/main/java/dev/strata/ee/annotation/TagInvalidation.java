package dev.strata.ee.annotation;

import dev.strata.cache.StrataCacheManager;
import dev.strata.ee.InvalidateTag;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The semantics of {@link InvalidateTag} for any container: the tags a call's {@code @CacheTag}
 * arguments name are invalidated in the named caches (or all) of the application's cache manager,
 * before or after the method, under the rules of {@code @CacheRemove}. What a method's annotations
 * say is worked out once per method. Thread-safe.
 */
public final class TagInvalidation {

  /** One method's invalidation: its tag parameters, caches, timing and exception lists. */
  private record Plan(TagParameters tags, String[] caches, boolean after, ExceptionFilter filter) {
  }

  private final Supplier<StrataCacheManager> manager;
  private final Map<Method, Plan> plans = new ConcurrentHashMap<>();

  public TagInvalidation(Supplier<StrataCacheManager> manager) {
    this.manager = manager;
  }

  /** Runs one call of an {@link InvalidateTag} method. */
  public Object intercept(Invocation invocation) throws Throwable {
    Plan plan = plans.computeIfAbsent(invocation.method(), TagInvalidation::plan);
    Set<String> tags = plan.tags().tags(invocation.parameters());
    return CacheInterception.around(plan.filter(), plan.after(), invocation, () -> {
      for (String tag : tags) {
        manager.get().invalidateTag(tag, plan.caches());
      }
    });
  }

  /** @return the method's own annotation, else its class's */
  private static InvalidateTag annotationOf(Method method) {
    InvalidateTag own = method.getAnnotation(InvalidateTag.class);
    return own != null ? own : method.getDeclaringClass().getAnnotation(InvalidateTag.class);
  }

  private static Plan plan(Method method) {
    InvalidateTag annotation = annotationOf(method);
    return new Plan(TagParameters.of(method), annotation.caches(), annotation.afterInvocation(),
        new ExceptionFilter(annotation.evictFor(), annotation.noEvictFor(), false));
  }

  /**
   * @return what is wrong with an {@link InvalidateTag} method, or null: it needs at least one
   *     {@code @CacheTag} parameter to name what it invalidates
   */
  public static String problem(Method method) {
    int modifiers = method.getModifiers();
    if (annotationOf(method) == null || java.lang.reflect.Modifier.isStatic(modifiers)
        || !java.lang.reflect.Modifier.isPublic(modifiers)) {
      return null;
    }
    TagParameters tags;
    try {
      tags = TagParameters.of(method);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    return tags.isEmpty() ? "@InvalidateTag on " + method + " names no tag: mark the parameter that identifies the "
        + "group with @CacheTag, such as changePlan(@CacheTag(\"user\") long userId, ...)" : null;
  }
}
