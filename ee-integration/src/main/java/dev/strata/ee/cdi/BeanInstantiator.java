package dev.strata.ee.cdi;

import dev.strata.ee.annotation.Instantiator;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Supplies the resolver factories and key generators that annotations name: a bean if one is
 * resolvable, else a new instance through the public no-argument constructor. Thread-safe.
 */
final class BeanInstantiator implements Instantiator {

  private final BeanManager beanManager;

  BeanInstantiator(BeanManager beanManager) {
    this.beanManager = beanManager;
  }

  @Override
  public <T> T instance(Class<T> type) {
    Instance<T> beans = beanManager.createInstance().select(type);
    return beans.isResolvable() ? beans.get() : Instantiator.reflective().instance(type);
  }
}
