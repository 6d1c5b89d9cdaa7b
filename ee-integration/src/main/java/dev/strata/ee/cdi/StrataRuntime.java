package dev.strata.ee.cdi;

import dev.strata.cache.CacheObserver;
import dev.strata.cache.StrataCacheManager;
import dev.strata.cache.StrataExpiry;
import dev.strata.ee.annotation.CacheInterception;
import dev.strata.ee.annotation.DegradedCalls;
import dev.strata.ee.annotation.MethodRegistry;
import dev.strata.ee.annotation.SingleFlight;
import dev.strata.ee.annotation.TagInvalidation;
import dev.strata.ee.annotation.StrataCacheResolverFactory;
import dev.strata.ee.config.StrataConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import javax.cache.Cache;

/**
 * The application's Strata, and the one place its parts are wired: the configuration (read and
 * validated on first use), the cache manager ({@link ApplicationCacheManager}), the background
 * start of L2 ({@link L2Start}) and the annotation machinery the interceptors call (built on first
 * use). Thread-safe.
 */
@ApplicationScoped
public class StrataRuntime {

  private final Lazy<StrataConfig> config;
  private final ApplicationCacheManager manager;
  private final L2Start l2Start;
  private final SingleFlight singleFlight;
  private final DegradedCalls degradedCalls;
  private final Lazy<CacheInterception> interception;
  private final TagInvalidation tagInvalidation;
  private final Lazy<WarmUp> warmUp;

  /** For the container's proxy. */
  protected StrataRuntime() {
    this.config = null;
    this.manager = null;
    this.l2Start = null;
    this.singleFlight = null;
    this.degradedCalls = null;
    this.interception = null;
    this.tagInvalidation = null;
    this.warmUp = null;
  }

  @Inject
  public StrataRuntime(BeanManager beanManager, @Any Instance<CacheObserver> observers,
                       @Any Instance<StrataExpiry<?, ?>> expiries) {
    this.config = new Lazy<>(() -> StrataConfig.load(ApplicationClassLoader.get()));
    this.manager = new ApplicationCacheManager(() -> config.get().properties(), observers,
        () -> ExpiryBeans.byCache(expiries));
    this.warmUp = new Lazy<>(() -> new WarmUp(this::interception, manager::cache,
        () -> manager.cache(WarmUp.CACHE).close(), config.get().warmUpRounds(),
        beanManager.getExtension(StrataExtension.class).cachedValueTypes()));
    this.l2Start = new L2Start(manager::get, new DaemonThreads("strata-l2-start"), () -> warmUp.get().run());
    this.singleFlight = new SingleFlight();
    this.degradedCalls = new DegradedCalls();
    this.interception = new Lazy<>(() -> new CacheInterception(
        new MethodRegistry(new BeanInstantiator(beanManager), new StrataCacheResolverFactory(manager::cache)),
        singleFlight, degradedCalls, config.get()::policy, new RefreshExecutor()));
    this.tagInvalidation = new TagInvalidation(manager::get);
  }

  /** @return the validated configuration */
  public StrataConfig config() {
    return config.get();
  }

  /** @return the application's cache manager, created now if needed */
  public StrataCacheManager manager() {
    return manager.get();
  }

  /**
   * Starts L2 (the Hazelcast member or client) in the background unless that happened already,
   * so that neither deployment nor a readiness probe waits for it.
   *
   * @return the start, completed exceptionally if Hazelcast could not start or connect
   */
  public CompletableFuture<Void> startL2() {
    return l2Start.start();
  }

  /** With {@code strata.hazelcast.start=eager}, starts L2 as soon as the application starts. */
  void onStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
    l2Start.startIfEager(config().properties());
  }

  /**
   * @return null once the warm-up of the request path is over (done, failed, or off), else how far
   *     it got, e.g. {@code "120/500 rounds"}
   */
  public String warmingUp() {
    // L2 may have been started by a cache call rather than by startL2: the warm-up follows startL2
    l2Start.start();
    WarmUp current = warmUp.get();
    return current.over() ? null : current.done() + "/" + current.rounds() + " rounds";
  }

  /** @return the cache of that name, created with its configured policy if it does not exist */
  public Cache<Object, Object> cache(String name) {
    return manager.cache(name);
  }

  /** @return the single-flight registry of this application */
  public SingleFlight singleFlight() {
    return singleFlight;
  }

  /** @return the count of {@code @CacheResult} calls that ran without their cache because L2 failed */
  public DegradedCalls degradedCalls() {
    return degradedCalls;
  }

  /** @return the semantics of {@code @InvalidateTag} */
  TagInvalidation tagInvalidation() {
    return tagInvalidation;
  }

  /** @return the annotation machinery, built on first use */
  CacheInterception interception() {
    return interception.get();
  }

  @PreDestroy
  void close() {
    manager.close();
  }
}
