package dev.strata.ee.cdi;

import dev.strata.ee.annotation.CacheInterception;
import dev.strata.ee.annotation.Invocation;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;

/**
 * Runs Strata's own request path before the application takes traffic, so that the first
 * requests after a deploy do not pay for loading classes, interpreting code and generating
 * serializers. Each round calls a {@code @CacheResult} method of its own through the same
 * interception the application's calls take (a miss: read, cluster lease, second look, write;
 * then a hit), then a {@code @CacheRemove}; every record that a {@code @CacheResult} method of
 * the application returns is written and read once, with its components' default values, so that
 * its serializer is generated here and not on a request. All in cache {@value #CACHE}, under keys
 * of this JVM's own, all removed again; the cache is closed on this JVM at the end (not destroyed:
 * other JVMs of the cluster may be warming up in it). Readiness reports DOWN until it is over. Never fails the
 * application: a failure ends the warm-up, logged. Thread-safe.
 */
final class WarmUp {

  /** The cache the warm-up uses, and closes when done. */
  static final String CACHE = "strata-warm-up";

  private static final System.Logger LOG = System.getLogger(WarmUp.class.getName());

  private final Supplier<CacheInterception> interception;
  private final Function<String, Cache<Object, Object>> caches;
  private final Runnable close;
  private final int rounds;
  private final Set<Class<?>> valueTypes;
  private final AtomicInteger done = new AtomicInteger();
  private volatile boolean over;

  /**
   * @param interception the application's annotation machinery
   * @param caches       gets or creates a cache by name
   * @param close        closes cache {@value #CACHE} on this JVM
   * @param rounds       how many rounds to run; 0 for none
   * @param valueTypes   what the application's {@code @CacheResult} methods return
   */
  WarmUp(Supplier<CacheInterception> interception, Function<String, Cache<Object, Object>> caches, Runnable close,
         int rounds, Set<Class<?>> valueTypes) {
    this.interception = interception;
    this.caches = caches;
    this.close = close;
    this.rounds = rounds;
    this.valueTypes = valueTypes;
    this.over = rounds == 0;
  }

  /** Runs every round, then closes the cache; logs a failure and stops. */
  void run() {
    if (over) {
      return;
    }
    long started = System.nanoTime();
    try {
      String jvm = UUID.randomUUID().toString();
      Target target = new Target();
      Method compute = Target.class.getMethod("compute", String.class, int.class);
      Method forget = Target.class.getMethod("forget", String.class, int.class);
      Cache<Object, Object> cache = caches.apply(CACHE);
      for (int round = 0; round < rounds; round++) {
        call(target, compute, CacheResult.class, jvm, round);
        call(target, compute, CacheResult.class, jvm, round);
        call(target, forget, CacheRemove.class, jvm, round);
        if (round % 50 == 0) {
          values(cache, jvm);
        }
        done.incrementAndGet();
      }
      close.run();
      LOG.log(System.Logger.Level.INFO, "Strata warmed up its request path in {0} ms ({1} rounds)",
          (System.nanoTime() - started) / 1_000_000, rounds);
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.WARNING, "Strata's warm-up stopped after " + done.get() + " of " + rounds
          + " rounds; the first requests may be slower. Cause: " + e, e);
    } finally {
      over = true;
    }
  }

  private void call(Object target, Method method, Class<? extends Annotation> binding, String jvm, int round)
      throws Throwable {
    interception.get().intercept(new Invocation() {
      @Override
      public Object target() {
        return target;
      }

      @Override
      public Method method() {
        return method;
      }

      @Override
      public Object[] parameters() {
        return new Object[] {jvm, round};
      }

      @Override
      public Object proceed() {
        return method.getName().equals("compute") ? jvm + round : null;
      }
    }, binding);
  }

  /** Writes, reads and removes one default instance of each record type the application caches. */
  private void values(Cache<Object, Object> cache, String jvm) {
    for (Class<?> type : valueTypes) {
      Object value = defaultRecord(type);
      if (value != null) {
        String key = jvm + "/" + type.getName();
        cache.put(key, value);
        cache.get(key);
        cache.remove(key);
      }
    }
  }

  /** @return the record built from its components' default values, or null if it is no record or refuses them */
  static Object defaultRecord(Class<?> type) {
    if (!type.isRecord()) {
      return null;
    }
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = defaultValue(types[i]);
    }
    try {
      var constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(values);
    } catch (ReflectiveOperationException | RuntimeException refused) {
      return null;
    }
  }

  private static Object defaultValue(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == char.class) {
      return '\0';
    }
    return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0);
  }

  /** @return how many rounds are done */
  int done() {
    return done.get();
  }

  /** @return how many rounds there are */
  int rounds() {
    return rounds;
  }

  /** @return whether the warm-up is over (done, failed or off) */
  boolean over() {
    return over;
  }

  /** The methods the warm-up calls. Public for the interception, which may call it reflectively. */
  public static final class Target {

    @CacheResult(cacheName = CACHE)
    public String compute(String jvm, int round) {
      return jvm + round;
    }

    @CacheRemove(cacheName = CACHE)
    public void forget(String jvm, int round) {
      // the interception removes the entry
    }
  }
}
