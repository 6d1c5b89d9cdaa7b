/** Warming: filling caches at startup or on demand from {@code CacheWarmer} beans and configured loader keys, with the progress readiness and management read. */
package dev.strata.ee.warming;
