/** The CDI 4 portable extension, the thin interceptors, the producers, and the application's runtime that wires configuration, cache manager and L2 start. */
package dev.strata.ee.cdi;
