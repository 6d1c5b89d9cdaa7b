package dev.strata.ee;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a Strata cache by name: {@code @Inject @NamedCache("orders") Cache<Long, Order> orders;}.
 * The cache is created on first use with its policy from configuration
 * ({@code strata.cache.orders.*}); the key and value types are not enforced. Beyond JSR-107.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface NamedCache {

  /** @return the cache name */
  @Nonbinding
  String value();
}
