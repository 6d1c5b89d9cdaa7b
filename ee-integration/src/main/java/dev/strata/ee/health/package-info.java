/** The MicroProfile Health readiness check of L2; loaded only where the Health API is present. */
package dev.strata.ee.health;
