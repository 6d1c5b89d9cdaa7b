package dev.strata.ee;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * strata-ee's boundaries: the annotation semantics stay container-neutral, and the integration uses
 * the provider the way an application could, through its public API.
 */
@AnalyzeClasses(packages = "dev.strata.ee", importOptions = DoNotIncludeTests.class)
class ArchitectureTest {

  /**
   * The provider's public API: the root package (manager, cache, entry, {@code L2UnavailableException},
   * the types applications unwrap to), {@code spi} (the {@code CachingProvider}) and {@code config}
   * (the settings and their keys). {@code tier}, {@code internal}, {@code copy},
   * {@code event} and {@code management} are the provider's own and may change without notice.
   */
  private static final DescribedPredicate<JavaClass> PROVIDER_INTERNALS =
      resideInAPackage("dev.strata.cache..")
          .and(not(resideInAnyPackage("dev.strata.cache", "dev.strata.cache.spi..", "dev.strata.cache.config..")))
          .as("are provider classes outside its public API (dev.strata.cache, .spi, .config)");

  /** CDI, interceptors and MicroProfile are adapters in the other packages; {@code javax.cache} is fine. */
  @ArchTest
  static final ArchRule annotation_anyClass_usesNoJakarta =
      noClasses().that().resideInAPackage("dev.strata.ee.annotation..")
          .should().dependOnClassesThat().resideInAPackage("jakarta..")
          .because("the JSR-107 annotation semantics are container-neutral; the CDI interceptors adapt them");

  @ArchTest
  static final ArchRule strataEe_providerUse_onlyPublicApi =
      noClasses().that().resideInAPackage("dev.strata.ee..")
          .should().dependOnClassesThat(PROVIDER_INTERNALS)
          .because("strata-ee is a client of the provider like any application");
}
