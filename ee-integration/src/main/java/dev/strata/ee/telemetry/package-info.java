/** Per-cache OpenTelemetry metrics (MicroProfile Telemetry 2); loaded only where the OpenTelemetry API is present. */
package dev.strata.ee.telemetry;
