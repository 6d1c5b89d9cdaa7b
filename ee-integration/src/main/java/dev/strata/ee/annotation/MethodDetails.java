package dev.strata.ee.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * Everything about an annotated method that does not change between calls: which annotation,
 * which cache (after {@code @CacheDefaults} and the default name), which parameters form the key
 * and the value, the key generator, the resolvers and the exception filter. Computed once per
 * bean class and method by {@link MethodRegistry}; what is wrong with an annotation is found apart, by
 * {@link AnnotationMisuse}. Immutable and thread-safe.
 *
 * @param <A> the cache annotation type
 */
final class MethodDetails<A extends Annotation> implements CacheMethodDetails<A> {

  private final CacheSignature<A> signature;
  private final ParameterLayout parameters;
  private final CacheKeyGenerator keyGenerator;
  private final CacheResolver cacheResolver;
  private final CacheResolver exceptionCacheResolver;
  private final ExceptionFilter exceptionFilter;
  private final boolean skipGet;

  private MethodDetails(CacheSignature<A> signature, ParameterLayout parameters, CacheKeyGenerator keyGenerator,
                        CacheResolver cacheResolver, CacheResolver exceptionCacheResolver, ExceptionFilter exceptionFilter,
                        boolean skipGet) {
    this.signature = signature;
    this.parameters = parameters;
    this.keyGenerator = keyGenerator;
    this.cacheResolver = cacheResolver;
    this.exceptionCacheResolver = exceptionCacheResolver;
    this.exceptionFilter = exceptionFilter;
    this.skipGet = skipGet;
  }

  /**
   * Computes the details of a method called on a bean class, or returns null if no cache
   * annotation applies to it (see {@link CacheAnnotations}).
   *
   * @param defaultResolvers the factory used when neither the annotation nor {@code @CacheDefaults} names one
   */
  static MethodDetails<?> of(Class<?> beanClass, Method method, Instantiator instantiator,
                             CacheResolverFactory defaultResolvers) {
    Annotation annotation = CacheAnnotations.of(beanClass, method);
    if (annotation == null) {
      return null;
    }
    return build(method, annotation, CacheAnnotations.defaults(beanClass, method), instantiator, defaultResolvers);
  }

  private static <A extends Annotation> MethodDetails<A> build(Method method, A annotation, CacheDefaults defaults,
                                                               Instantiator instantiator, CacheResolverFactory defaultResolvers) {
    String cacheName = firstNonEmpty(attribute(annotation, "cacheName"),
        defaults == null ? "" : defaults.cacheName(), defaultCacheName(method));
    Set<Annotation> annotations = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(method.getAnnotations())));
    CacheSignature<A> signature = new CacheSignature<>(method, annotations, annotation, cacheName);

    CacheResolverFactory resolverFactory = pick(attributeValue(annotation, "cacheResolverFactory"),
        defaults == null ? CacheResolverFactory.class : defaults.cacheResolverFactory(),
        CacheResolverFactory.class, instantiator, defaultResolvers);
    CacheKeyGenerator keyGenerator = annotation instanceof CacheRemoveAll ? null
        : pick(attributeValue(annotation, "cacheKeyGenerator"),
            defaults == null ? CacheKeyGenerator.class : defaults.cacheKeyGenerator(),
            CacheKeyGenerator.class, instantiator, new StrataCacheKeyGenerator());
    CacheResolver exceptionResolver = annotation instanceof CacheResult result && !result.exceptionCacheName().isEmpty()
        ? resolverFactory.getExceptionCacheResolver(new CacheSignature<>(method, annotations, result, cacheName))
        : null;
    // read once: an annotation's attribute is a reflective proxy call
    boolean skipGet = annotation instanceof CacheResult result && result.skipGet();
    return new MethodDetails<>(signature, ParameterLayout.of(method), keyGenerator,
        resolverFactory.getCacheResolver(signature), exceptionResolver, ExceptionFilter.of(annotation), skipGet);
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

  /** @return whether this is a {@code @CacheResult(skipGet = true)} method */
  boolean skipGet() {
    return skipGet;
  }

  /** @return which parameters form the key and the value */
  ParameterLayout parameters() {
    return parameters;
  }

  /**
   * @return the key of one call: built straight from the arguments when the default generator
   *     applies (what it would build, without the context objects), else by the configured generator
   */
  GeneratedCacheKey key(CacheCall<A> call, Object[] arguments) {
    if (keyGenerator instanceof StrataCacheKeyGenerator) {
      return StrataGeneratedCacheKey.owning(parameters.keyValues(arguments));
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
