/** The {@link javax.cache.spi.CachingProvider} that {@code javax.cache.Caching} loads, and nothing else. */
package dev.strata.cache.spi;
