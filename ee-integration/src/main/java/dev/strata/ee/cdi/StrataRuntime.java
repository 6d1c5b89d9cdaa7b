package dev.strata.ee.cdi;

import dev.strata.cache.CacheObserver;
import dev.strata.cache.StrataCacheManager;
import dev.strata.cache.spi.StrataCachingProvider;
import dev.strata.ee.annotation.CacheInterception;
import dev.strata.ee.annotation.DegradedCalls;
import dev.strata.ee.annotation.Instantiator;
import dev.strata.ee.annotation.Invocation;
import dev.strata.ee.annotation.MethodRegistry;
import dev.strata.ee.annotation.SingleFlight;
import dev.strata.ee.annotation.StrataCacheResolverFactory;
import dev.strata.ee.config.StrataConfig;
import jakarta.annotation.PreDestroy;
import dev.strata.cache.config.ProviderSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * The application's Strata: its configuration, its cache manager (created on first use with the
 * configured provider settings, closed with the application) and the annotation machinery the
 * interceptors call. Thread-safe.
 */
@ApplicationScoped
public class StrataRuntime {

  private final BeanManager beanManager;
  private final Instance<CacheObserver> observers;
  private volatile StrataConfig config;
  private volatile StrataCacheManager manager;
  private volatile CacheInterception interception;
  private final SingleFlight singleFlight = new SingleFlight();
  private final DegradedCalls degradedCalls = new DegradedCalls();
  private CompletableFuture<Void> start;

  /** For the container's proxy. */
  protected StrataRuntime() {
    this.beanManager = null;
    this.observers = null;
  }

  @Inject
  public StrataRuntime(BeanManager beanManager, @Any Instance<CacheObserver> observers) {
    this.beanManager = beanManager;
    this.observers = observers;
  }

  /** @return the validated configuration */
  public StrataConfig config() {
    StrataConfig current = config;
    if (current == null) {
      synchronized (this) {
        if (config == null) {
          config = StrataConfig.load(classLoader());
        }
        current = config;
      }
    }
    return current;
  }

  /** @return the application's cache manager, created now if needed */
  public StrataCacheManager manager() {
    StrataCacheManager current = manager;
    if (current == null || current.isClosed()) {
      synchronized (this) {
        if (manager == null || manager.isClosed()) {
          ClassLoader classLoader = classLoader();
          StrataCachingProvider provider = (StrataCachingProvider) Caching.getCachingProvider(
              StrataCachingProvider.class.getName(), classLoader);
          StrataCacheManager created = (StrataCacheManager) provider.getCacheManager(
              provider.getDefaultURI(), classLoader, config().properties());
          for (CacheObserver observer : observers) {
            created.addObserver(observer);
          }
          manager = created;
        }
        current = manager;
      }
    }
    return current;
  }

  /**
   * Starts L2 (the Hazelcast member or client) in the background unless that happened already,
   * so that neither deployment nor a readiness probe waits for it.
   *
   * @return the start, completed exceptionally if Hazelcast could not start or connect
   */
  public synchronized CompletableFuture<Void> startL2() {
    if (start == null) {
      StrataCacheManager current = manager();
      start = CompletableFuture.runAsync(current::connect, runnable -> {
        Thread thread = new Thread(runnable, "strata-l2-start");
        thread.setDaemon(true);
        thread.start();
      });
    }
    return start;
  }

  /** With {@code strata.hazelcast.start=eager}, starts L2 as soon as the application starts. */
  void onStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
    if (config().properties().getProperty(ProviderSettings.START, "lazy").trim().equalsIgnoreCase("eager")) {
      startL2();
    }
  }

  /** @return the cache of that name, created with its configured policy if it does not exist */
  public Cache<Object, Object> cache(String name) {
    StrataCacheManager current = manager();
    // the common case, a cache that exists, must not pay for a configuration object on every call
    Cache<Object, Object> existing = current.getCache(name);
    return existing != null ? existing : current.getOrCreateCache(name, new MutableConfiguration<>());
  }

  /** @return the single-flight registry of this application */
  public SingleFlight singleFlight() {
    return singleFlight;
  }

  /** @return the count of {@code @CacheResult} calls that ran without their cache because L2 failed */
  public DegradedCalls degradedCalls() {
    return degradedCalls;
  }

  /** Runs one call intercepted by the interceptor of {@code binding}. */
  static Object intercept(CacheInterception interception, InvocationContext context, Class<? extends Annotation> binding)
      throws Exception {
    try {
      return interception.intercept(new Invocation() {
        @Override
        public Object target() {
          return context.getTarget();
        }

        @Override
        public Method method() {
          return context.getMethod();
        }

        @Override
        public Object[] parameters() {
          return context.getParameters();
        }

        @Override
        public Object proceed() throws Exception {
          return context.proceed();
        }
      }, binding);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("Unexpected throwable from a cached method", t);
    }
  }

  /** @return the annotation machinery, built on first use */
  CacheInterception interception() {
    CacheInterception current = interception;
    if (current == null) {
      synchronized (this) {
        if (interception == null) {
          StrataConfig configuration = config();
          MethodRegistry methods = new MethodRegistry(this::instance, new StrataCacheResolverFactory(this::cache));
          interception = new CacheInterception(methods, singleFlight, degradedCalls, configuration::policy);
        }
        current = interception;
      }
    }
    return current;
  }

  /** Resolvers and key generators: a bean if one is resolvable, else a new instance. */
  private <T> T instance(Class<T> type) {
    Instance<T> beans = beanManager.createInstance().select(type);
    return beans.isResolvable() ? beans.get() : Instantiator.reflective().instance(type);
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : StrataRuntime.class.getClassLoader();
  }

  @PreDestroy
  void close() {
    StrataCacheManager current = manager;
    if (current != null) {
      current.close();
    }
  }
}
