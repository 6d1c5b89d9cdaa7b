package dev.strata.ee.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigProviderResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.cache.annotation.CacheResult;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * strata-ee on a server without MicroProfile Metrics, Telemetry and Health: the extension only
 * probes for the three APIs, and without them it neither loads nor registers its Metrics, Telemetry
 * and Health beans, while the annotations keep working. The class path of this module has all three
 * APIs, so the test loads strata-ee's classes through a class loader that hides them.
 */
class OptionalApisTest {

  private static final String METRICS_API = "org.eclipse.microprofile.metrics.";
  private static final String HEALTH_API = "org.eclipse.microprofile.health.";
  private static final String TELEMETRY_API = "io.opentelemetry.";

  /** Loaded through the hiding class loader, so it can only be reached through Function. */
  @ApplicationScoped
  public static class Greeter implements Function<String, String> {
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    @CacheResult(cacheName = "greetings")
    public String apply(String name) {
      return "hello " + name + " #" + calls.incrementAndGet();
    }
  }

  /**
   * Defines strata-ee's classes itself (so that their class loader is this one) and refuses the
   * MicroProfile Metrics, OpenTelemetry and Health APIs and strata-ee's packages that use them; everything else
   * comes from the parent. Remembers every hidden class that was asked for.
   */
  static final class HidingClassLoader extends ClassLoader {
    private final List<String> hidden = List.of(METRICS_API, HEALTH_API, TELEMETRY_API, "dev.strata.ee.metrics.",
        "dev.strata.ee.health.", "dev.strata.ee.telemetry.");
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    HidingClassLoader(ClassLoader parent) {
      super("hiding", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (hidden.stream().anyMatch(name::startsWith)) {
        refused.add(name);
        throw new ClassNotFoundException(name + " is hidden by " + getName());
      }
      if (!name.startsWith("dev.strata.ee.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          byte[] bytes = bytes(name);
          loaded = defineClass(name, bytes, 0, bytes.length);
        }
        return loaded;
      }
    }

    private byte[] bytes(String name) throws ClassNotFoundException {
      try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Set<String> refused() {
      return refused;
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void extension_withoutMetricsTelemetryAndHealthApis_registersNoneAndAnnotationsStillWork() throws Exception {
    ClassLoader original = Thread.currentThread().getContextClassLoader();
    HidingClassLoader hiding = new HidingClassLoader(original);
    ConfigProviderResolver.instance().registerConfig(new SmallRyeConfigBuilder().forClassLoader(hiding)
        .withSources(new PropertiesConfigSource(Map.of(
            "strata.hazelcast.cluster-name", "ee-test-" + UUID.randomUUID()), "strata-test", 500))
        .build(), hiding);
    Thread.currentThread().setContextClassLoader(hiding);
    WeldContainer container = null;
    try {
      Class<?> extension = hiding.loadClass(StrataExtension.class.getName());
      Class<?> greeter = hiding.loadClass(Greeter.class.getName());
      container = new Weld("strata-test-" + UUID.randomUUID()).disableDiscovery()
          .addExtension((Extension) extension.getConstructor().newInstance())
          .addBeanClasses(greeter)
          .initialize();

      Function<String, String> bean = (Function<String, String>) container.select(greeter).get();
      String first = bean.apply("ada");

      assertThat(bean.apply("ada")).isEqualTo(first);
      Set<String> beanClasses = container.getBeanManager().getBeans(Object.class, Any.Literal.INSTANCE).stream()
          .map(Bean::getBeanClass).map(Class::getName).collect(Collectors.toSet());
      assertThat(beanClasses).contains(StrataRuntime.class.getName(), CacheProducers.class.getName())
          .doesNotContain("dev.strata.ee.metrics.StrataMetrics", "dev.strata.ee.health.StrataReadiness",
              "dev.strata.ee.telemetry.StrataTelemetry");
      // the probes asked for one API class each, and nothing else hidden was ever needed
      assertThat(hiding.refused()).containsExactlyInAnyOrder(METRICS_API + "MetricRegistry", HEALTH_API + "HealthCheck",
          TELEMETRY_API + "api.OpenTelemetry");
    } finally {
      if (container != null) {
        container.shutdown();
      }
      Thread.currentThread().setContextClassLoader(original);
      ((SmallRyeConfigProviderResolver) ConfigProviderResolver.instance()).releaseConfig(hiding);
    }
  }
}
