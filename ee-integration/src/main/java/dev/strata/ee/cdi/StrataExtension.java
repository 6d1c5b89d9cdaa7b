package dev.strata.ee.cdi;

import dev.strata.ee.annotation.MethodDetails;
import dev.strata.ee.config.StrataConfig;
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
import java.util.LinkedHashSet;
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
 * producers (and the Metrics and Health beans where those APIs are present), reports annotation
 * misuse as definition errors, and fails deployment on invalid configuration.
 */
public class StrataExtension implements Extension {

  private static final String METRICS_API = "org.eclipse.microprofile.metrics.MetricRegistry";
  private static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";

  private final Set<String> problems = new LinkedHashSet<>();

  void registerBindings(@Observes BeforeBeanDiscovery discovery, BeanManager beanManager) {
    for (Class<? extends Annotation> binding : MethodDetails.CACHE_ANNOTATIONS) {
      discovery.configureInterceptorBinding(binding).methods().forEach(member -> member.add(Nonbinding.Literal.INSTANCE));
    }
    for (Class<?> type : new Class<?>[] {StrataRuntime.class, CacheProducers.class, CacheResultInterceptor.class,
        CachePutInterceptor.class, CacheRemoveInterceptor.class, CacheRemoveAllInterceptor.class}) {
      discovery.addAnnotatedType(type, StrataExtension.class.getName() + "." + type.getSimpleName());
    }
    ClassLoader classLoader = StrataExtension.class.getClassLoader();
    if (present(METRICS_API, classLoader)) {
      discovery.addAnnotatedType(beanManager.createAnnotatedType(loadClass("dev.strata.ee.metrics.StrataMetrics", classLoader)),
          StrataExtension.class.getName() + ".StrataMetrics");
    }
    if (present(HEALTH_API, classLoader)) {
      discovery.addAnnotatedType(beanManager.createAnnotatedType(loadClass("dev.strata.ee.health.StrataReadiness", classLoader)),
          StrataExtension.class.getName() + ".StrataReadiness");
    }
  }

  <T> void checkUsage(@Observes @WithAnnotations({CacheResult.class, CachePut.class, CacheRemove.class,
      CacheRemoveAll.class, CacheValue.class, CacheKey.class}) ProcessAnnotatedType<T> type) {
    for (AnnotatedMethod<? super T> method : type.getAnnotatedType().getMethods()) {
      problems.addAll(MethodDetails.problems(method.getJavaMember()));
    }
  }

  void reportUsage(@Observes AfterBeanDiscovery afterDiscovery) {
    for (String problem : problems) {
      afterDiscovery.addDefinitionError(new DefinitionException(problem));
    }
  }

  void checkConfiguration(@Observes AfterDeploymentValidation validation) {
    ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    try {
      StrataConfig.load(classLoader != null ? classLoader : StrataExtension.class.getClassLoader());
    } catch (IllegalArgumentException e) {
      validation.addDeploymentProblem(e);
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
