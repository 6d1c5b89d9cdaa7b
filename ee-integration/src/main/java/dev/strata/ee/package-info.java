/**
 * The public face of strata-ee: the {@link dev.strata.ee.NamedCache} qualifier, the interceptor
 * priority, tags, and warming ({@link dev.strata.ee.CacheWarmer} with {@link dev.strata.ee.AnnotationKeys}).
 */
package dev.strata.ee;
