package dev.strata.sample;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The sample shows users what to write, so it may use only what users are given: Strata's public API. */
@AnalyzeClasses(packages = "dev.strata.sample", importOptions = DoNotIncludeTests.class)
class ArchitectureTest {

  /**
   * What an application may import from Strata. From the provider: the root package (manager, cache,
   * entry, {@code L2UnavailableException}), {@code spi} (the {@code CachingProvider}, named in
   * configuration) and {@code config} (the settings and their keys). From strata-ee: its root package
   * only ({@code @NamedCache} and the interceptor priority); the CDI extension in
   * {@code dev.strata.ee.cdi} is registered by the container, so an application never names it.
   * Everything else, the JSR-107 annotations included, comes from {@code javax.cache}.
   */
  private static final DescribedPredicate<JavaClass> STRATA_INTERNALS =
      resideInAnyPackage("dev.strata.cache..", "dev.strata.ee..")
          .and(not(resideInAnyPackage(
              "dev.strata.cache", "dev.strata.cache.spi..", "dev.strata.cache.config..", "dev.strata.ee")))
          .as("are Strata classes outside its public API (dev.strata.cache, .spi, .config; dev.strata.ee)");

  @ArchTest
  static final ArchRule sample_anyClass_usesOnlyPublicApi =
      noClasses().should().dependOnClassesThat(STRATA_INTERNALS)
          .because("a sample that unwraps internals teaches users to do the same");
}
