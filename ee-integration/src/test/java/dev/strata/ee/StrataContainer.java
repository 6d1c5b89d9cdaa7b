package dev.strata.ee;

import dev.strata.ee.annotation.StrataGeneratedCacheKey;
import dev.strata.ee.cdi.StrataExtension;
import dev.strata.ee.cdi.StrataRuntime;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigProviderResolver;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.metrics.legacyapi.LegacyMetricsExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.annotation.GeneratedCacheKey;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The test fixture of strata-ee: a Weld SE container with {@link StrataExtension}, SmallRye Metrics
 * (as a MicroProfile server would have), optionally an {@code OpenTelemetry} bean (as a MicroProfile
 * Telemetry server would have), the given bean classes, and a MicroProfile Config of exactly
 * the given keys, registered for the test's class loader so that nothing goes through system
 * properties. Each container has a cluster name of its own, and its embedded member (started by
 * the first cache, from port 5950 up, on loopback) joins nobody. Closing the container closes the
 * cache manager and so shuts the member down. Use it with try-with-resources, or open it in
 * {@code @BeforeAll} and close it in {@code @AfterAll}. Not thread-safe.
 */
public final class StrataContainer implements AutoCloseable {

  /** Hazelcast logs every lifecycle step at INFO; tests only want its warnings. */
  private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

  static {
    HAZELCAST_LOG.setLevel(Level.WARNING);
  }

  private final WeldContainer weld;
  private final ClassLoader classLoader;

  private StrataContainer(WeldContainer weld, ClassLoader classLoader) {
    this.weld = weld;
    this.classLoader = classLoader;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return a bean of the container */
  public <T> T bean(Class<T> type, Annotation... qualifiers) {
    return weld.select(type, qualifiers).get();
  }

  public StrataRuntime runtime() {
    return bean(StrataRuntime.class);
  }

  public CacheManager cacheManager() {
    return bean(CacheManager.class);
  }

  /** @return the cache of that name, or null if no annotated call or injection created it yet */
  public Cache<Object, Object> cache(String name) {
    return cacheManager().getCache(name);
  }

  /** @return the key Strata's default key generator makes of these key parameters */
  public static GeneratedCacheKey key(Object... parameters) {
    return new StrataGeneratedCacheKey(parameters);
  }

  @Override
  public void close() {
    try {
      if (weld.isRunning()) {
        weld.shutdown();
      }
    } finally {
      releaseConfig(classLoader);
    }
  }

  private static void releaseConfig(ClassLoader classLoader) {
    ((SmallRyeConfigProviderResolver) ConfigProviderResolver.instance()).releaseConfig(classLoader);
  }

  /** Weld SE needs at least one bean class to build its synthetic archive. */
  @Dependent
  public static final class NoApplicationBeans {
  }

  /** Registers one {@code OpenTelemetry} bean, as MicroProfile Telemetry does. */
  private static final class TelemetryBean implements Extension {
    private final OpenTelemetry openTelemetry;

    TelemetryBean(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
    }

    void register(@Observes AfterBeanDiscovery discovery) {
      discovery.addBean().types(OpenTelemetry.class, Object.class).scope(ApplicationScoped.class)
          .createWith(context -> openTelemetry);
    }
  }

  /** Collects beans and configuration, then starts the container. */
  public static final class Builder {

    private final List<Class<?>> beans = new ArrayList<>();
    private final Map<String, String> config = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private boolean metrics = true;
    private OpenTelemetry telemetry;

    private Builder() {
      config.put("strata.hazelcast.cluster-name", "ee-test-" + UUID.randomUUID());
      config.put("strata.hazelcast.port", "5950");
      // SmallRye Metrics would look for Micrometer's Prometheus registry, which is not on the test class path
      config.put("mp.metrics.prometheus.enabled", "false");
      // the request path's warm-up keeps readiness DOWN for a while; WarmUpTest turns it on
      config.put("strata.warm-up.rounds", "0");
    }

    /**
     * Leaves SmallRye Metrics out: the MicroProfile Metrics API stays on the class path, but no
     * {@code MetricRegistry} bean exists.
     */
    public Builder withoutMetricsImplementation() {
      metrics = false;
      return this;
    }

    /** Adds an application-scoped {@code OpenTelemetry} bean, the given instance, as MicroProfile Telemetry provides one. */
    public Builder telemetry(OpenTelemetry openTelemetry) {
      telemetry = openTelemetry;
      return this;
    }

    public Builder beans(Class<?>... classes) {
      beans.addAll(List.of(classes));
      return this;
    }

    /** Sets one MicroProfile Config key; a null value removes a key set by default. */
    public Builder config(String key, String value) {
      if (value == null) {
        config.remove(key);
      } else {
        config.put(key, value);
      }
      return this;
    }

    /**
     * Sets one environment variable, as MicroProfile Config sees it (SmallRye's environment
     * source, ordinal 300: below the keys set with {@link #config}).
     */
    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /**
     * Starts the container.
     *
     * @throws RuntimeException whatever Weld throws for definition errors and deployment problems
     */
    public StrataContainer start() {
      ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
      releaseConfig(classLoader);
      ConfigProviderResolver.instance().registerConfig(new SmallRyeConfigBuilder()
          .forClassLoader(classLoader)
          .withSources(new PropertiesConfigSource(Map.copyOf(config), "strata-test", 500))
          .withSources(new EnvConfigSource(Map.copyOf(environment), 300))
          .build(), classLoader);
      Weld weld = new Weld("strata-test-" + UUID.randomUUID())
          .disableDiscovery()
          .addExtension(new StrataExtension())
          .addBeanClasses(beans.isEmpty() ? new Class<?>[] {NoApplicationBeans.class} : beans.toArray(Class<?>[]::new));
      if (metrics) {
        weld.addExtension(new LegacyMetricsExtension());
      }
      if (telemetry != null) {
        weld.addExtension(new TelemetryBean(telemetry));
      }
      try {
        return new StrataContainer(weld.initialize(), classLoader);
      } catch (RuntimeException | Error e) {
        releaseConfig(classLoader);
        throw e;
      }
    }
  }
}
