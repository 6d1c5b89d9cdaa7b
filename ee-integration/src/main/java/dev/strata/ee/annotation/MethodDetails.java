package dev.strata.ee.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * Everything about an annotated method that does not change between calls: which annotation,
 * which cache (after {@code @CacheDefaults} and the default name), which parameters form the key
 * and the value, the key generator, the resolvers and the exception filters. Computed once per
 * method by {@link MethodRegistry}; immutable and thread-safe.
 *
 * @param <A> the cache annotation type
 */
public final class MethodDetails<A extends Annotation> implements CacheMethodDetails<A> {

  /** The four JSR-107 cache annotations. */
  public static final List<Class<? extends Annotation>> CACHE_ANNOTATIONS =
      List.of(CacheResult.class, CachePut.class, CacheRemove.class, CacheRemoveAll.class);

  private final CacheSignature<A> signature;
  private final Class<?>[] parameterTypes;
  private final List<Set<Annotation>> parameterAnnotations;
  private final int[] keyIndexes;
  private final int valueIndex;
  private final CacheKeyGenerator keyGenerator;
  private final CacheResolver cacheResolver;
  private final CacheResolver exceptionCacheResolver;
  private final ExceptionFilter exceptionFilter;
  private final boolean skipGet;

  private MethodDetails(CacheSignature<A> signature, Class<?>[] parameterTypes, List<Set<Annotation>> parameterAnnotations,
                        int[] keyIndexes, int valueIndex, CacheKeyGenerator keyGenerator, CacheResolver cacheResolver,
                        CacheResolver exceptionCacheResolver, ExceptionFilter exceptionFilter) {
    this.signature = signature;
    this.parameterTypes = parameterTypes;
    this.parameterAnnotations = parameterAnnotations;
    this.keyIndexes = keyIndexes;
    this.valueIndex = valueIndex;
    this.keyGenerator = keyGenerator;
    this.cacheResolver = cacheResolver;
    this.exceptionCacheResolver = exceptionCacheResolver;
    this.exceptionFilter = exceptionFilter;
    // read once: an annotation's attribute is a reflective proxy call
    this.skipGet = signature.cacheAnnotation() instanceof CacheResult result && result.skipGet();
  }

  /** @return whether this is a {@code @CacheResult(skipGet = true)} method */
  public boolean skipGet() {
    return skipGet;
  }

  /**
   * Computes the details of a method, or returns null if it carries no cache annotation (on
   * itself or on its class).
   *
   * @param defaultResolvers the factory used when neither the annotation nor {@code @CacheDefaults} names one
   */
  static MethodDetails<?> of(Method method, Instantiator instantiator, CacheResolverFactory defaultResolvers) {
    Annotation annotation = cacheAnnotation(method);
    if (annotation == null) {
      return null;
    }
    return build(method, annotation, instantiator, defaultResolvers);
  }

  private static <A extends Annotation> MethodDetails<A> build(Method method, A annotation, Instantiator instantiator,
                                                               CacheResolverFactory defaultResolvers) {
    CacheDefaults defaults = method.getDeclaringClass().getAnnotation(CacheDefaults.class);
    String cacheName = firstNonEmpty(attribute(annotation, "cacheName"),
        defaults == null ? "" : defaults.cacheName(), defaultCacheName(method));
    Set<Annotation> annotations = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(method.getAnnotations())));
    CacheSignature<A> signature = new CacheSignature<>(method, annotations, annotation, cacheName);

    Annotation[][] perParameter = method.getParameterAnnotations();
    List<Set<Annotation>> parameterAnnotations = new ArrayList<>(perParameter.length);
    List<Integer> keys = new ArrayList<>();
    int valueIndex = -1;
    for (int i = 0; i < perParameter.length; i++) {
      parameterAnnotations.add(Collections.unmodifiableSet(new HashSet<>(Arrays.asList(perParameter[i]))));
      for (Annotation parameterAnnotation : perParameter[i]) {
        if (parameterAnnotation instanceof CacheKey) {
          keys.add(i);
        } else if (parameterAnnotation instanceof CacheValue) {
          valueIndex = i;
        }
      }
    }
    if (keys.isEmpty()) {
      for (int i = 0; i < perParameter.length; i++) {
        if (i != valueIndex) {
          keys.add(i);
        }
      }
    }

    CacheResolverFactory resolverFactory = pick(attributeValue(annotation, "cacheResolverFactory"),
        defaults == null ? CacheResolverFactory.class : defaults.cacheResolverFactory(),
        CacheResolverFactory.class, instantiator, defaultResolvers);
    CacheKeyGenerator keyGenerator = annotation instanceof CacheRemoveAll ? null
        : pick(attributeValue(annotation, "cacheKeyGenerator"),
            defaults == null ? CacheKeyGenerator.class : defaults.cacheKeyGenerator(),
            CacheKeyGenerator.class, instantiator, new StrataCacheKeyGenerator());

    CacheResolver exceptionResolver = null;
    ExceptionFilter filter;
    if (annotation instanceof CacheResult result) {
      if (!result.exceptionCacheName().isEmpty()) {
        exceptionResolver = resolverFactory.getExceptionCacheResolver(
            new CacheSignature<>(method, signature.annotations(), result, cacheName));
      }
      filter = new ExceptionFilter(result.cachedExceptions(), result.nonCachedExceptions(), true);
    } else if (annotation instanceof CachePut put) {
      filter = new ExceptionFilter(put.cacheFor(), put.noCacheFor(), false);
    } else if (annotation instanceof CacheRemove remove) {
      filter = new ExceptionFilter(remove.evictFor(), remove.noEvictFor(), false);
    } else {
      CacheRemoveAll removeAll = (CacheRemoveAll) annotation;
      filter = new ExceptionFilter(removeAll.evictFor(), removeAll.noEvictFor(), false);
    }
    return new MethodDetails<>(signature, method.getParameterTypes(), parameterAnnotations,
        keys.stream().mapToInt(Integer::intValue).toArray(), valueIndex, keyGenerator,
        resolverFactory.getCacheResolver(signature), exceptionResolver, filter);
  }

  /** @return the method's cache annotation, else its class's, else null */
  static Annotation cacheAnnotation(Method method) {
    for (Class<? extends Annotation> type : CACHE_ANNOTATIONS) {
      Annotation found = method.getAnnotation(type);
      if (found != null) {
        return found;
      }
    }
    for (Class<? extends Annotation> type : CACHE_ANNOTATIONS) {
      Annotation found = method.getDeclaringClass().getAnnotation(type);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The JSR-107 default: {@code package.Class.method(param.Type,...)}. */
  static String defaultCacheName(Method method) {
    StringBuilder name = new StringBuilder(method.getDeclaringClass().getName()).append('.')
        .append(method.getName()).append('(');
    Class<?>[] types = method.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      if (i > 0) {
        name.append(',');
      }
      name.append(types[i].getName());
    }
    return name.append(')').toString();
  }

  private static String attribute(Annotation annotation, String name) {
    Object value = attributeValue(annotation, name);
    return value == null ? "" : (String) value;
  }

  private static Object attributeValue(Annotation annotation, String name) {
    try {
      return annotation.annotationType().getMethod(name).invoke(annotation);
    } catch (NoSuchMethodException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T pick(Object fromAnnotation, Class<?> fromDefaults, Class<T> unset, Instantiator instantiator, T fallback) {
    Class<?> chosen = fromAnnotation instanceof Class<?> c && c != unset ? c : fromDefaults;
    return chosen == null || chosen == unset ? fallback : (T) instantiator.instance(chosen);
  }

  private static String firstNonEmpty(String... values) {
    for (String value : values) {
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return "";
  }

  /**
   * Lists what is wrong with the cache annotations of a method, in words a developer can act on;
   * empty if nothing is.
   */
  public static List<String> problems(Method method) {
    List<String> problems = new ArrayList<>();
    String where = method.getDeclaringClass().getName() + "." + method.getName() + "()";
    List<String> present = new ArrayList<>();
    for (Class<? extends Annotation> type : CACHE_ANNOTATIONS) {
      if (method.isAnnotationPresent(type)) {
        present.add("@" + type.getSimpleName());
      }
    }
    if (present.size() > 1) {
      problems.add(where + " carries " + String.join(" and ", present)
          + "; a method may carry only one JSR-107 cache annotation");
    }
    int values = 0;
    int keys = 0;
    for (Annotation[] annotations : method.getParameterAnnotations()) {
      boolean key = false;
      boolean value = false;
      for (Annotation annotation : annotations) {
        key |= annotation instanceof CacheKey;
        value |= annotation instanceof CacheValue;
      }
      if (key && value) {
        problems.add(where + " has a parameter with both @CacheKey and @CacheValue; the value cannot be part of its own key");
      }
      values += value ? 1 : 0;
      keys += key ? 1 : 0;
    }
    if (method.isAnnotationPresent(CachePut.class) && values != 1) {
      problems.add(where + " is @CachePut but has " + values + " @CacheValue parameters; mark exactly one parameter @CacheValue");
    }
    if (!method.isAnnotationPresent(CachePut.class) && values > 0) {
      problems.add(where + " has a @CacheValue parameter but is not @CachePut; @CacheValue only means something on @CachePut");
    }
    if (method.isAnnotationPresent(CacheResult.class) && method.getReturnType() == void.class) {
      problems.add(where + " is @CacheResult but returns void; there is no result to cache (use @CachePut to store a parameter)");
    }
    if (method.isAnnotationPresent(CacheRemoveAll.class) && keys > 0) {
      problems.add(where + " is @CacheRemoveAll but has @CacheKey parameters; @CacheRemoveAll removes every entry and has no key");
    }
    return problems;
  }

  /** @return the parameter at {@code index} of one call */
  Parameter parameter(int index, Object value) {
    return new Parameter(parameterTypes[index], value, parameterAnnotations.get(index), index);
  }

  int[] keyIndexes() {
    return keyIndexes;
  }

  int valueIndex() {
    return valueIndex;
  }

  /**
   * @return the key of one call: built straight from the arguments when the default generator
   *     applies (what it would build, without the context objects), else by the configured generator
   */
  javax.cache.annotation.GeneratedCacheKey key(CacheCall<A> call, Object[] arguments) {
    if (keyGenerator instanceof StrataCacheKeyGenerator) {
      Object[] values = new Object[keyIndexes.length];
      for (int i = 0; i < keyIndexes.length; i++) {
        values[i] = arguments[keyIndexes[i]];
      }
      return StrataGeneratedCacheKey.owning(values);
    }
    return keyGenerator.generateCacheKey(call);
  }

  CacheResolver cacheResolver() {
    return cacheResolver;
  }

  /** @return the exception cache resolver, or null if the method names no exception cache */
  CacheResolver exceptionCacheResolver() {
    return exceptionCacheResolver;
  }

  ExceptionFilter exceptionFilter() {
    return exceptionFilter;
  }

  @Override
  public Method getMethod() {
    return signature.getMethod();
  }

  @Override
  public Set<Annotation> getAnnotations() {
    return signature.getAnnotations();
  }

  @Override
  public A getCacheAnnotation() {
    return signature.getCacheAnnotation();
  }

  @Override
  public String getCacheName() {
    return signature.getCacheName();
  }
}
