/**
 * The management REST API at {@code <context root>/strata}: off unless {@code strata.management.enabled=true},
 * one servlet registered by {@link dev.strata.ee.management.ManagementInitializer}, JSON in and out.
 */
package dev.strata.ee.management;
