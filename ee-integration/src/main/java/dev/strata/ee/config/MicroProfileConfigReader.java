package dev.strata.ee.config;

import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads {@code strata.*} keys from MicroProfile Config; loaded only when its API is present. */
final class MicroProfileConfigReader {

  private MicroProfileConfigReader() {
  }

  static Properties read(ClassLoader classLoader) {
    Properties properties = new Properties();
    Config config;
    try {
      config = ConfigProvider.getConfig(classLoader);
    } catch (IllegalStateException | LinkageError noImplementation) {
      // the API without an implementation: system properties still apply through the provider
      return properties;
    }
    for (String name : config.getPropertyNames()) {
      if (name.startsWith("strata.")) {
        config.getOptionalValue(name, String.class).ifPresent(value -> properties.setProperty(name, value));
      }
    }
    return properties;
  }
}
