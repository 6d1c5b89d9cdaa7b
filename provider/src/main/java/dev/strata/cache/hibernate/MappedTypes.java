package dev.strata.cache.hibernate;

import dev.strata.cache.copy.AllowList;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;
import org.hibernate.type.CompositeType;
import org.hibernate.type.Type;

/**
 * Teaches Strata's allow-list the application's classes that Hibernate puts in its second-level
 * cache: the entities' and embeddables' classes and the types of their attributes (an enum, a
 * converted value object, a composite id), as the CDI layer teaches it the types of annotated
 * methods. What Hibernate's regions hold is then decodable on every JVM that maps the same model,
 * with no {@code strata.serialization.allow} setting.
 *
 * <p>Hibernate finds it through {@code META-INF/services/org.hibernate.integrator.spi.Integrator};
 * without Hibernate nothing loads it. It adds packages only (see {@link AllowList#allowApplicationType}),
 * never a JDK or platform package. Stateless and thread-safe. Runs on Hibernate 6.6 and 7.
 */
public final class MappedTypes implements Integrator {

  private static final System.Logger LOG = System.getLogger(MappedTypes.class.getName());

  @Override
  public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
    for (PersistentClass entity : metadata.getEntityBindings()) {
      allow(entity.getMappedClass());
      if (entity.getIdentifier() != null) {
        allow(entity.getIdentifier().getType());
      }
      for (Property property : entity.getPropertyClosure()) {
        allow(property.getType());
      }
    }
    for (Collection collection : metadata.getCollectionBindings()) {
      allow(collection.getElement().getType());
    }
  }

  private static void allow(Type type) {
    try {
      allow(type.getReturnedClass());
      if (type instanceof CompositeType composite) {
        for (Type part : composite.getSubtypes()) {
          allow(part);
        }
      }
    } catch (RuntimeException e) {
      // a type Hibernate cannot resolve here is one Hibernate will not cache either
      LOG.log(System.Logger.Level.DEBUG, () -> "hibernate.type.skipped type=" + type + " reason=" + e);
    }
  }

  private static void allow(Class<?> mapped) {
    if (mapped != null) {
      AllowList.allowApplicationType(mapped);
    }
  }

  @Override
  public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
    // the application's packages stay allowed: entries other JVMs wrote may still be read
  }
}
