/** JMH benchmarks of Strata beside peer JCache providers, and the measurements JMH is not made for (latency of invalidation, memory per entry). */
package dev.strata.benchmarks;
