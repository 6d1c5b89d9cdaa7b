package dev.strata.ee;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tags what a method caches, or names what it invalidates, by one of its parameters: on a
 * {@code @CacheResult} method, {@code @CacheTag("user") long userId} tags the cached result
 * {@code user:<userId>}; on an {@link InvalidateTag} method it names the tag to invalidate. One call
 * of {@code StrataCacheManager.invalidateTag("user:42")}, or an {@code @InvalidateTag} method, then
 * removes every entry of user 42 in every cache and JVM. The tag is the name, a colon, and
 * {@code String.valueOf} of the argument. Beyond JSR-107.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CacheTag {

  /** @return the tag's name, such as {@code user} */
  String value();
}
