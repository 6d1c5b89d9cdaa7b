package dev.strata.ee.annotation;

import dev.strata.cache.L2UnavailableException;
import dev.strata.cache.StrataCache;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import dev.strata.cache.Freshness;
import javax.cache.Cache;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * The semantics of {@code @CacheResult}, {@code @CachePut}, {@code @CacheRemove} and
 * {@code @CacheRemoveAll} for any container: the CDI interceptors hand each call to
 * {@link #intercept}. Beyond the spec: single-flight loading, optional null caching, and running
 * the method when Hazelcast is away, for {@code @CacheResult}; and a switch: on a Strata cache
 * whose {@link StrataCache#isEnabled()} is false, every annotation passes through to the method,
 * reading and writing nothing. On a Strata cache, {@code @CacheResult} also gets its cache's
 * {@link Freshness}: refresh-ahead (a hit older than {@code refresh-after} re-invokes the method
 * in the background, once in the cluster), single-flight across the cluster for misses, and
 * {@code stale-if-error}. Thread-safe.
 */
public final class CacheInterception {

  /** Set on the thread that re-invokes a method for a refresh, so that its own interception computes and stores. */
  private static final ThreadLocal<Refresh> REFRESHING = new ThreadLocal<>();

  /** A refresh in progress on this thread: its cache and key, and whether the interceptor saw it. */
  private static final class Refresh {
    private final String cacheName;
    private final Object key;
    private boolean intercepted;

    Refresh(String cacheName, Object key) {
      this.cacheName = cacheName;
      this.key = key;
    }
  }

  private final MethodRegistry methods;
  private final SingleFlight singleFlight;
  private final Function<String, AnnotationPolicy> policies;
  private final DegradedCalls degraded;
  private final Map<Method, TagParameters> tagParameters = new ConcurrentHashMap<>();
  private final Executor refreshes;
  /** The {@code @CacheResult} writes into Strata caches, each waited for at most the cache's {@code l2.timeout}. */
  private final BoundedWrites writes;

  public CacheInterception(MethodRegistry methods, SingleFlight singleFlight, DegradedCalls degraded,
                           Function<String, AnnotationPolicy> policies) {
    this(methods, singleFlight, degraded, policies, Runnable::run);
  }

  /** @param refreshes runs the background reloads of refresh-ahead */
  public CacheInterception(MethodRegistry methods, SingleFlight singleFlight, DegradedCalls degraded,
                           Function<String, AnnotationPolicy> policies, Executor refreshes) {
    this.refreshes = refreshes;
    this.writes = new BoundedWrites(degraded);
    this.methods = methods;
    this.singleFlight = singleFlight;
    this.degraded = degraded;
    this.policies = policies;
  }

  /**
   * Runs one call that the interceptor of {@code binding} intercepted. A method can be bound to
   * two of these interceptors, one by its own annotation and one by a different annotation on its
   * class; only the annotation that applies to the method (its own) acts, and the other
   * interceptor just proceeds, so that the semantics never run twice for one call (twice, a
   * {@code @CacheResult} would wait on its own single-flight call).
   */
  public Object intercept(Invocation invocation, Class<? extends Annotation> binding) throws Throwable {
    MethodDetails<?> details = methods.of(invocation.beanClass(), invocation.method());
    if (details == null || !binding.isInstance(details.getCacheAnnotation())) {
      return invocation.proceed();
    }
    return apply(details, invocation);
  }

  private Object apply(MethodDetails<?> details, Invocation invocation) throws Throwable {
    Annotation annotation = details.getCacheAnnotation();
    if (annotation instanceof CacheResult) {
      return result(cast(details), invocation);
    }
    if (annotation instanceof CachePut) {
      return put(cast(details), invocation);
    }
    if (annotation instanceof CacheRemove) {
      return remove(cast(details), invocation);
    }
    return removeAll(cast(details), invocation);
  }

  @SuppressWarnings("unchecked")
  private static <A extends Annotation> MethodDetails<A> cast(MethodDetails<?> details) {
    return (MethodDetails<A>) details;
  }

  private Object result(MethodDetails<CacheResult> details, Invocation invocation) throws Throwable {
    CacheCall<CacheResult> call = new CacheCall<>(details, invocation);
    Cache<Object, Object> cache = details.cacheResolver().resolveCache(call);
    if (!enabled(cache)) {
      return invocation.proceed();
    }
    GeneratedCacheKey key = details.key(call, invocation.parameters());
    Cache<Object, Object> exceptions = details.exceptionCacheResolver() == null ? null
        : details.exceptionCacheResolver().resolveCache(call);
    Freshness<Object, Object> freshness = cache instanceof StrataCache<Object, Object> strata ? strata.freshness() : null;
    Refresh refresh = REFRESHING.get();
    if (freshness != null && refresh != null && !refresh.intercepted && refresh.cacheName.equals(cache.getName())
        && refresh.key.equals(key)) {
      refresh.intercepted = true;
      return refreshed(freshness, key, invocation.proceed(), policies.apply(details.getCacheName()));
    }
    if (details.skipGet()) {
      return invokeAndCache(details, invocation, cache, exceptions, key, policies.apply(details.getCacheName()));
    }
    if (exceptions != null) {
      Object thrown = readOrMiss(exceptions, key);
      if (thrown instanceof Throwable throwable) {
        throw throwable;
      }
    }
    Object cached;
    // a slow L2 (a member paused, overloaded) holds the caller at most l2.timeout, the read, the lease
    // and the write together
    long deadline = 0;
    if (freshness != null) {
      StrataCache<Object, Object> strata = (StrataCache<Object, Object>) cache;
      java.time.Duration l2Timeout = strata.settings().bounds().l2Timeout();
      deadline = System.nanoTime() + l2Timeout.toNanos();
      try {
        cached = strata.getWithin(key, l2Timeout);
      } catch (L2UnavailableException e) {
        degraded.failed(cache.getName(), "read", e);
        if (e.timedOut()) {
          // no lease and no write to wait for either: the method, shared by this JVM's callers
          AnnotationPolicy policy = policies.apply(details.getCacheName());
          return singleFlight.run(details.getCacheName(), key, policy.singleFlightTimeout(), invocation::proceed,
              () -> null);
        }
        cached = null;
      }
    } else {
      cached = readOrMiss(cache, key);
    }
    if (cached != null) {
      // the due check first: a hit that is not due allocates nothing
      if (freshness != null && freshness.refreshes() && freshness.refreshDue(key)) {
        refreshIfDue(freshness, cache.getName(), key, invocation);
      }
      return NullValue.unwrap(cached);
    }
    AnnotationPolicy policy = policies.apply(details.getCacheName());
    if (freshness == null) {
      return singleFlight.run(details.getCacheName(), key, policy.singleFlightTimeout(),
          () -> invokeAndCache(details, invocation, cache, exceptions, key, policy),
          () -> NullValue.unwrap(readOrMiss(cache, key)));
    }
    // threads of this JVM share one wait; that one wait is for the whole cluster
    long l2Deadline = deadline;
    return NullValue.unwrap(singleFlight.run(details.getCacheName(), key, policy.singleFlightTimeout(),
        () -> freshness.computeOnce(key, () -> NullValue.wrap(rethrowing(
                () -> invokeAndCache(details, invocation, cache, exceptions, key, policy, l2Deadline))),
            () -> readOrMiss(cache, key), l2Deadline - System.nanoTime()),
        () -> readOrMiss(cache, key)));
  }

  /** A computation that may throw anything, as an interceptor's proceed may. */
  @FunctionalInterface
  private interface Computation {
    Object run() throws Throwable;
  }

  /** Runs {@code computation}, passing exceptions and errors on as they are and wrapping any other throwable. */
  private static Object rethrowing(Computation computation) throws Exception {
    try {
      return computation.run();
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new java.lang.reflect.UndeclaredThrowableException(t);
    }
  }

  /**
   * Starts a background re-invocation of the method if the entry is older than refresh-after: on
   * the refresh executor, with a copy of the arguments, on the bean instance the call was made on,
   * through the bean's interceptors (the interception recognises the refresh and stores the new
   * value). A container whose target bypasses interceptors still gets the value stored.
   */
  private void refreshIfDue(Freshness<Object, Object> freshness, String cacheName, GeneratedCacheKey key,
                            Invocation invocation) {
    Object target = invocation.target();
    Method method = invocation.method();
    Object[] arguments = invocation.parameters().clone();
    freshness.refreshIfDue(key, refreshes, () -> {
      Refresh refresh = new Refresh(cacheName, key);
      REFRESHING.set(refresh);
      try {
        if (!method.canAccess(target)) {
          method.setAccessible(true);
        }
        Object result;
        try {
          result = method.invoke(target, arguments);
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
        if (!refresh.intercepted) {
          refreshed(freshness, key, result, policies.apply(cacheName));
        }
        return result;
      } finally {
        REFRESHING.remove();
      }
    });
  }

  /** Stores a refresh's result through the refresh write path (a fresh lifetime); a null only with null caching. */
  private static Object refreshed(Freshness<Object, Object> freshness, Object key, Object result,
                                  AnnotationPolicy policy) {
    if (result != null || policy.nullCaching()) {
      freshness.storeRefreshed(key, NullValue.wrap(result));
    }
    return result;
  }

  /**
   * Asked on every call, so that {@code setEnabled} takes effect at once. Only a Strata cache can
   * be switched off; any other cache is always on.
   */
  private static boolean enabled(Cache<Object, Object> cache) {
    return !(cache instanceof StrataCache<Object, Object> strata) || strata.isEnabled();
  }

  /**
   * A {@code @CacheResult} read that L2 cannot serve is a miss: the method runs, so the
   * application keeps working (at the method's cost) while Hazelcast is away.
   */
  private Object readOrMiss(Cache<Object, Object> cache, GeneratedCacheKey key) {
    try {
      return cache.get(key);
    } catch (L2UnavailableException e) {
      degraded.failed(cache.getName(), "read", e);
      return null;
    }
  }

  /** A {@code @CacheResult} write that L2 cannot take is skipped: the caller still gets its result. */
  private void storeOrSkip(Cache<Object, Object> cache, GeneratedCacheKey key, Object value) {
    storeOrSkip(cache, key, value, Set.of(), 0);
  }

  /** As {@link #storeOrSkip(Cache, GeneratedCacheKey, Object)}, the entry tagged when the cache is Strata's. */
  private void storeOrSkip(Cache<Object, Object> cache, GeneratedCacheKey key, Object value, Set<String> tags,
                           long deadline) {
    storeOrSkip(cache, key, value, tags, deadline, false);
  }

  /**
   * @param ifAbsent for a result computed after a miss: an entry written meanwhile (a {@code @CachePut}
   *                 racing this call) is newer than what the method read, and stays
   */
  private void storeOrSkip(Cache<Object, Object> cache, GeneratedCacheKey key, Object value, Set<String> tags,
                           long deadline, boolean ifAbsent) {
    if (cache instanceof StrataCache<Object, Object> strata) {
      writes.store(strata, key, value, tags, deadline, ifAbsent);
      return;
    }
    try {
      if (ifAbsent) {
        cache.putIfAbsent(key, value);
        return;
      }
      cache.put(key, value);
    } catch (L2UnavailableException e) {
      degraded.failed(cache.getName(), "write", e);
    }
  }

  private Object invokeAndCache(MethodDetails<CacheResult> details, Invocation invocation, Cache<Object, Object> cache,
                                Cache<Object, Object> exceptions, GeneratedCacheKey key, AnnotationPolicy policy)
      throws Throwable {
    return invokeAndCache(details, invocation, cache, exceptions, key, policy, 0);
  }

  /** @param deadline when the caller stops waiting for L2 ({@link System#nanoTime()}); 0 for the cache's l2.timeout from the write */
  private Object invokeAndCache(MethodDetails<CacheResult> details, Invocation invocation, Cache<Object, Object> cache,
                                Cache<Object, Object> exceptions, GeneratedCacheKey key, AnnotationPolicy policy,
                                long deadline) throws Throwable {
    Object result;
    try {
      result = invocation.proceed();
    } catch (Throwable t) {
      // stale-if-error: the entry's last value, expired less than the window ago, rather than the failure
      Object stale = cache instanceof StrataCache<Object, Object> strata ? strata.freshness().staleIfError(key) : null;
      if (stale != null) {
        degraded.staleServed(cache.getName(), t);
        return NullValue.unwrap(stale);
      }
      if (exceptions != null && details.exceptionFilter().matches(t)) {
        storeOrSkip(exceptions, key, t);
      }
      throw t;
    }
    Set<String> tags = tagParameters.computeIfAbsent(invocation.method(), TagParameters::of)
        .tags(invocation.parameters());
    // skipGet always stores; a call that missed stores only if nobody wrote the key meanwhile
    boolean ifAbsent = !details.skipGet();
    if (result != null) {
      storeOrSkip(cache, key, result, tags, deadline, ifAbsent);
    } else if (policy.nullCaching()) {
      storeOrSkip(cache, key, NullValue.INSTANCE, tags, deadline, ifAbsent);
    }
    return result;
  }

  private Object put(MethodDetails<CachePut> details, Invocation invocation) throws Throwable {
    CacheCall<CachePut> call = new CacheCall<>(details, invocation);
    Cache<Object, Object> cache = details.cacheResolver().resolveCache(call);
    if (!enabled(cache)) {
      return invocation.proceed();
    }
    return around(details, details.getCacheAnnotation().afterInvocation(), invocation, () -> store(details, call, cache));
  }

  private void store(MethodDetails<CachePut> details, CacheCall<CachePut> call, Cache<Object, Object> cache) {
    GeneratedCacheKey key = details.key(call, call.arguments());
    Object value = call.getValueParameter().getValue();
    if (value != null) {
      cache.put(key, value);
    } else if (policies.apply(details.getCacheName()).nullCaching()) {
      cache.put(key, NullValue.INSTANCE);
    } else {
      // JSR-107 caches cannot hold null: putting null means the key has no value
      cache.remove(key);
    }
  }

  private Object remove(MethodDetails<CacheRemove> details, Invocation invocation) throws Throwable {
    CacheCall<CacheRemove> call = new CacheCall<>(details, invocation);
    Cache<Object, Object> cache = details.cacheResolver().resolveCache(call);
    if (!enabled(cache)) {
      return invocation.proceed();
    }
    return around(details, details.getCacheAnnotation().afterInvocation(), invocation,
        () -> cache.remove(details.key(call, call.arguments())));
  }

  private Object removeAll(MethodDetails<CacheRemoveAll> details, Invocation invocation) throws Throwable {
    CacheCall<CacheRemoveAll> call = new CacheCall<>(details, invocation);
    Cache<Object, Object> cache = details.cacheResolver().resolveCache(call);
    if (!enabled(cache)) {
      return invocation.proceed();
    }
    return around(details, details.getCacheAnnotation().afterInvocation(), invocation, cache::removeAll);
  }

  /**
   * Runs {@code action} before the method, or after it — also after an exception the
   * annotation's filter names (cacheFor/evictFor and their exclusions) — and returns the method's result.
   */
  private static Object around(MethodDetails<?> details, boolean after, Invocation invocation, Runnable action)
      throws Throwable {
    return around(details.exceptionFilter(), after, invocation, action);
  }

  /** As {@link #around(MethodDetails, boolean, Invocation, Runnable)}, with the exception lists as a filter. */
  static Object around(ExceptionFilter filter, boolean after, Invocation invocation, Runnable action)
      throws Throwable {
    if (!after) {
      action.run();
    }
    Object result;
    try {
      result = invocation.proceed();
    } catch (Throwable t) {
      if (after && filter.matches(t)) {
        action.run();
      }
      throw t;
    }
    if (after) {
      action.run();
    }
    return result;
  }
}
