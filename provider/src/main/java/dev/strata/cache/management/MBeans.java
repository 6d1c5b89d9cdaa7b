package dev.strata.cache.management;

import java.lang.management.ManagementFactory;
import javax.cache.CacheException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers the MXBeans of a cache with the platform MBean server: the JSR-107 ones under
 * {@code javax.cache:type=<CacheConfiguration|CacheStatistics>,CacheManager=<uri>,Cache=<name>},
 * Strata's own under {@code dev.strata.cache:type=CacheCoherence,...}. Static helpers only.
 */
public final class MBeans {

  /** The bean types: the two of JSR-107, and Strata's coherence bean. */
  public enum Type {
    CacheConfiguration("javax.cache"), CacheStatistics("javax.cache"), CacheCoherence("dev.strata.cache");

    private final String domain;

    Type(String domain) {
      this.domain = domain;
    }
  }

  private MBeans() {
  }

  public static ObjectName name(Type type, String managerUri, String cacheName) {
    try {
      return new ObjectName(type.domain + ":type=" + type + ",CacheManager=" + safe(managerUri) + ",Cache=" + safe(cacheName));
    } catch (MalformedObjectNameException e) {
      throw new CacheException("Cache '" + cacheName + "' has a name JMX cannot use: " + e.getMessage(), e);
    }
  }

  /** Registers {@code bean}, replacing a leftover registration under the same name. */
  public static void register(Object bean, ObjectName name) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
      server.registerMBean(bean, name);
    } catch (Exception e) {
      throw new CacheException("Could not register MXBean " + name + ": " + e.getMessage(), e);
    }
  }

  public static void unregister(ObjectName name) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      server.unregisterMBean(name);
    } catch (InstanceNotFoundException ignored) {
      // already gone
    } catch (MBeanRegistrationException e) {
      throw new CacheException("Could not unregister MXBean " + name + ": " + e.getMessage(), e);
    }
  }

  private static String safe(String value) {
    return value == null ? "" : value.replaceAll(",|:|=|\n", ".");
  }
}
