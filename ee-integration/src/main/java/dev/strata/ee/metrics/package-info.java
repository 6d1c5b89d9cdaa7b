/** Per-cache MicroProfile Metrics; loaded only where the Metrics API is present. */
package dev.strata.ee.metrics;
