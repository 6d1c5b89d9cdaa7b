package dev.strata.ee.cdi;

import dev.strata.cache.StrataCacheManager;
import dev.strata.ee.InvalidateTag;
import dev.strata.ee.annotation.AnnotationMisuse;
import dev.strata.ee.annotation.TagInvalidation;
import dev.strata.ee.annotation.CacheAnnotations;
import dev.strata.ee.config.MetricsSystem;
import dev.strata.ee.config.StrataConfig;
import dev.strata.ee.warming.CacheWarming;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.util.Nonbinding;
import java.lang.annotation.Annotation;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * Makes the JSR-107 annotations work on Jakarta CDI 4. The annotations mark their members with the
 * {@code javax} {@code @Nonbinding}, which a Jakarta container does not see: without this
 * extension {@code @CacheResult(cacheName = "x")} would not match the interceptor and the method
 * would silently run uncached. The extension registers the four annotations as interceptor
 * bindings with {@code jakarta.enterprise.util.Nonbinding} members, adds Strata's interceptors and
 * producers (and the Metrics, Telemetry and Health beans where those APIs are present), reports
 * annotation misuse as definition errors, and fails deployment on invalid configuration. Once the
 * beans are known it decides which {@link MetricsSystem} publishes, as {@link #metricsSystem()}
 * tells the publishing beans. The API probes only load one class each, so that a server without an
 * API never loads a Strata class that needs it.
 */
public class StrataExtension implements Extension {

  private static final String METRICS_API = "org.eclipse.microprofile.metrics.MetricRegistry";
  private static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";
  private static final String TELEMETRY_API = "io.opentelemetry.api.OpenTelemetry";
  private static final System.Logger LOG = System.getLogger(StrataExtension.class.getName());

  private final Set<String> problems = new LinkedHashSet<>();
  /** What the application's {@code @CacheResult} methods return, for the warm-up. */
  private final Set<Class<?>> cachedValueTypes = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile MetricsSystem metricsSystem = MetricsSystem.NONE;

  void registerBindings(@Observes BeforeBeanDiscovery discovery, BeanManager beanManager) {
    for (Class<? extends Annotation> binding : CacheAnnotations.ALL) {
      discovery.configureInterceptorBinding(binding).methods().forEach(member -> member.add(Nonbinding.Literal.INSTANCE));
    }
    for (Class<?> type : new Class<?>[] {StrataRuntime.class, CacheProducers.class, CacheResultInterceptor.class,
        CachePutInterceptor.class, CacheRemoveInterceptor.class, CacheRemoveAllInterceptor.class,
        InvalidateTagInterceptor.class, CacheWarming.class}) {
      discovery.addAnnotatedType(type, StrataExtension.class.getName() + "." + type.getSimpleName());
    }
    ClassLoader classLoader = StrataExtension.class.getClassLoader();
    if (present(METRICS_API, classLoader)) {
      discovery.addAnnotatedType(beanManager.createAnnotatedType(loadClass("dev.strata.ee.metrics.StrataMetrics", classLoader)),
          StrataExtension.class.getName() + ".StrataMetrics");
    }
    if (present(TELEMETRY_API, classLoader)) {
      discovery.addAnnotatedType(beanManager.createAnnotatedType(loadClass("dev.strata.ee.telemetry.StrataTelemetry", classLoader)),
          StrataExtension.class.getName() + ".StrataTelemetry");
    }
    if (present(HEALTH_API, classLoader)) {
      discovery.addAnnotatedType(beanManager.createAnnotatedType(loadClass("dev.strata.ee.health.StrataReadiness", classLoader)),
          StrataExtension.class.getName() + ".StrataReadiness");
    }
  }

  <T> void checkUsage(@Observes @WithAnnotations({CacheResult.class, CachePut.class, CacheRemove.class,
      CacheRemoveAll.class, CacheValue.class, CacheKey.class, InvalidateTag.class}) ProcessAnnotatedType<T> type) {
    Set<Class<?>> applicationTypes = new LinkedHashSet<>();
    applicationTypes.add(type.getAnnotatedType().getJavaClass());
    for (AnnotatedMethod<? super T> method : type.getAnnotatedType().getMethods()) {
      problems.addAll(AnnotationMisuse.problems(method.getJavaMember()));
      // the interceptor carries the binding it implements: it is not a use of it
      String tagProblem = type.getAnnotatedType().isAnnotationPresent(jakarta.interceptor.Interceptor.class) ? null
          : TagInvalidation.problem(method.getJavaMember());
      if (tagProblem != null) {
        problems.add(tagProblem);
      }
      addTypes(method.getJavaMember().getGenericReturnType(), applicationTypes);
      for (Type parameter : method.getJavaMember().getGenericParameterTypes()) {
        addTypes(parameter, applicationTypes);
      }
      CacheResult result = method.getAnnotation(CacheResult.class);
      if (result != null) {
        cachedValueTypes.add(method.getJavaMember().getReturnType());
        // exception caches hold the exceptions, and generated keys come from the generator's code
        applicationTypes.addAll(List.of(result.cachedExceptions()));
        applicationTypes.add(result.cacheKeyGenerator());
      }
    }
    // the beans and what their cached methods return and take are the application's classes
    StrataCacheManager.allowApplicationTypes(applicationTypes);
  }

  /** Collects the classes a type names, type arguments and array elements included. */
  private static void addTypes(Type type, Set<Class<?>> into) {
    if (type instanceof Class<?> raw) {
      into.add(raw);
    } else if (type instanceof ParameterizedType parameterized) {
      addTypes(parameterized.getRawType(), into);
      for (Type argument : parameterized.getActualTypeArguments()) {
        addTypes(argument, into);
      }
    } else if (type instanceof GenericArrayType array) {
      addTypes(array.getGenericComponentType(), into);
    } else if (type instanceof WildcardType wildcard) {
      for (Type bound : wildcard.getUpperBounds()) {
        addTypes(bound, into);
      }
    }
  }

  /** @return the classes the application's {@code @CacheResult} methods declare they return */
  Set<Class<?>> cachedValueTypes() {
    return Set.copyOf(cachedValueTypes);
  }

  void reportUsage(@Observes AfterBeanDiscovery afterDiscovery) {
    for (String problem : problems) {
      afterDiscovery.addDefinitionError(new DefinitionException(problem));
    }
  }

  void checkConfiguration(@Observes AfterDeploymentValidation validation, BeanManager beanManager) {
    StrataConfig config;
    try {
      config = StrataConfig.load(ApplicationClassLoader.get());
    } catch (IllegalArgumentException e) {
      validation.addDeploymentProblem(e);
      return;
    }
    chooseMetricsSystem(config.metricsSystem(), beanManager);
  }

  /**
   * An API on the class path does not prove that the server provides it (an application may package
   * the API jar): a system counts as present only when its entry bean resolves, and Telemetry only
   * when its SDK is on. Choosing never fails the deployment.
   */
  private void chooseMetricsSystem(MetricsSystem configured, BeanManager beanManager) {
    ClassLoader classLoader = StrataExtension.class.getClassLoader();
    boolean telemetry = resolvable(TELEMETRY_API, classLoader, beanManager) && telemetrySdkOn(classLoader, beanManager);
    boolean metrics = resolvable(METRICS_API, classLoader, beanManager);
    metricsSystem = configured.resolve(telemetry, metrics);
    if (metricsSystem != MetricsSystem.NONE) {
      LOG.log(System.Logger.Level.INFO, "Strata publishes cache metrics through "
          + (metricsSystem == MetricsSystem.TELEMETRY ? "MicroProfile Telemetry (OpenTelemetry meter dev.strata.cache)"
              : "MicroProfile Metrics (application registry)") + "; " + MetricsSystem.KEY + "=" + lower(configured));
    } else if (configured != MetricsSystem.NONE && (configured != MetricsSystem.AUTO
        || present(METRICS_API, classLoader) || present(TELEMETRY_API, classLoader))) {
      LOG.log(System.Logger.Level.WARNING, "Strata publishes no cache metrics: " + MetricsSystem.KEY + "="
          + lower(configured) + ", but the server provides no " + switch (configured) {
            case METRICS -> "MetricRegistry bean (MicroProfile Metrics)";
            case TELEMETRY -> "OpenTelemetry bean (MicroProfile Telemetry) with its SDK on";
            default -> "MetricRegistry bean (MicroProfile Metrics) and no OpenTelemetry bean (MicroProfile Telemetry) with its SDK on";
          } + ". Enable the server's MicroProfile Metrics feature, or its MicroProfile Telemetry feature with "
          + "otel.sdk.disabled=false, to get them.");
    }
  }

  /** @return where cache metrics go; decided after deployment validation, {@link MetricsSystem#NONE} before */
  public MetricsSystem metricsSystem() {
    return metricsSystem;
  }

  private static String lower(MetricsSystem system) {
    return system.name().toLowerCase(Locale.ROOT);
  }

  private static boolean resolvable(String className, ClassLoader classLoader, BeanManager beanManager) {
    return present(className, classLoader)
        && beanManager.createInstance().select(loadClass(className, classLoader)).isResolvable();
  }

  /**
   * MicroProfile Telemetry keeps the OpenTelemetry SDK off unless {@code otel.sdk.disabled=false}; its
   * bean is then a no-op whose meter provider is the API's no-op one. Read by reflection: this class
   * must load where the OpenTelemetry API does not.
   */
  private static boolean telemetrySdkOn(ClassLoader classLoader, BeanManager beanManager) {
    try {
      Class<?> api = loadClass(TELEMETRY_API, classLoader);
      Object meters = api.getMethod("getMeterProvider").invoke(beanManager.createInstance().select(api).get());
      Object noop = loadClass("io.opentelemetry.api.metrics.MeterProvider", classLoader).getMethod("noop").invoke(null);
      return meters != noop;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // the bean is there, but cannot be asked yet: take it as on
      return true;
    }
  }

  private static boolean present(String className, ClassLoader classLoader) {
    try {
      Class.forName(className, false, classLoader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static Class<?> loadClass(String name, ClassLoader classLoader) {
    try {
      return Class.forName(name, true, classLoader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
