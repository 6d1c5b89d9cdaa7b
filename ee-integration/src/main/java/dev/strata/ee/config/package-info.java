/** Reads Strata's keys from MicroProfile Config (or system properties) and validates them at startup. */
package dev.strata.ee.config;
