/** Statistics counters and the JSR-107 MXBeans registered with the platform MBean server. */
package dev.strata.cache.management;
