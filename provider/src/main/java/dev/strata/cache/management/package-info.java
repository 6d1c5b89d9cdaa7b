/** The JMX side of a cache: MXBean interfaces, the configuration bean, the lag histogram and MBean registration. */
package dev.strata.cache.management;
