package dev.strata.ee.annotation;

import java.lang.annotation.Annotation;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.GeneratedCacheKey;

/** The default {@link CacheKeyGenerator}: a {@link StrataGeneratedCacheKey} of the key parameters. Stateless. */
public final class StrataCacheKeyGenerator implements CacheKeyGenerator {

  @Override
  public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
    CacheInvocationParameter[] keyParameters = context.getKeyParameters();
    Object[] values = new Object[keyParameters.length];
    for (int i = 0; i < keyParameters.length; i++) {
      values[i] = keyParameters[i].getValue();
    }
    return new StrataGeneratedCacheKey(values);
  }
}
