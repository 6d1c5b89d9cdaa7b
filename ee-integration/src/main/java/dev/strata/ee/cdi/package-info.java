/** The CDI 4 portable extension, the thin interceptors and the producers of caches and the cache manager. */
package dev.strata.ee.cdi;
