package dev.strata.tck;

import dev.strata.ee.cdi.StrataExtension;
import javax.cache.annotation.BeanProvider;
import manager.CacheNameOnEachMethodBlogManagerImpl;
import manager.ClassLevelCacheConfigBlogManagerImpl;
import manager.UsingDefaultCacheNameBlogManagerImpl;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Lets the TCK's annotation tests ({@code org.jsr107.tck.annotation.*}) run against Strata's CDI
 * integration: a Weld SE container with {@link StrataExtension} and the TCK's three
 * {@code manager.*BlogManagerImpl} beans, so the JSR-107 annotations on them are applied by
 * Strata's interceptors. Registered in {@code META-INF/services/javax.cache.annotation.BeanProvider};
 * without it the TCK counts those tests as passed without running them.
 *
 * <p>Discovery is off: the TCK jar's {@code beans.xml} (old namespace, no bean-defining
 * annotations on the beans) would make them invisible to CDI 4, and scanning the whole test class
 * path would pick up far more than the test needs. The container starts once, on first use, and
 * Weld's own shutdown hook stops it when the forked test JVM ends.
 */
public final class WeldBeanProvider implements BeanProvider {

  @Override
  public <T> T getBeanByType(Class<T> beanClass) {
    return Container.WELD.select(beanClass).get();
  }

  /** Holder: the container starts when the first bean is asked for. */
  private static final class Container {
    static final WeldContainer WELD = new Weld("strata-tck")
        .disableDiscovery()
        .addExtension(new StrataExtension())
        .addBeanClasses(ClassLevelCacheConfigBlogManagerImpl.class, CacheNameOnEachMethodBlogManagerImpl.class,
            UsingDefaultCacheNameBlogManagerImpl.class)
        .initialize();
  }
}
