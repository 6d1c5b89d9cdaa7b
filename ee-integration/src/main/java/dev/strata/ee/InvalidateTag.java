package dev.strata.ee;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Invalidates, when the method is called, every cached entry carrying the tags its
 * {@link CacheTag} parameters name: {@code @InvalidateTag void changePlan(@CacheTag("user") long id, Plan plan)}
 * removes every entry tagged {@code user:<id>}, in every JVM, without calling cache writers. The rules
 * are those of {@code @CacheRemove}: after the method returns by default, and after an exception
 * only if {@link #evictFor} names it and {@link #noEvictFor} does not. On a class it applies to every
 * method of the class, each of which must then have a {@code @CacheTag} parameter. Beyond JSR-107.
 */
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface InvalidateTag {

  /** @return the caches to invalidate in; none means every cache of the application */
  @Nonbinding
  String[] caches() default {};

  /** @return whether to invalidate after the method (the default) rather than before it */
  @Nonbinding
  boolean afterInvocation() default true;

  /** @return exceptions after which an {@code afterInvocation} invalidation still happens */
  @Nonbinding
  Class<? extends Throwable>[] evictFor() default {};

  /** @return exceptions after which it does not, even if {@link #evictFor} names a superclass */
  @Nonbinding
  Class<? extends Throwable>[] noEvictFor() default {};
}
