package dev.strata.cache;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The provider's package structure (design: "Where the protocol lives"). Dependencies point one way:
 * {@code spi} → root → {@code tier} → {@code internal}, and
 * {@code config}, {@code copy}, {@code event}, {@code management} sit below the root and the tiers.
 * The provider is plain Java SE: no Jakarta, no MicroProfile; Hibernate only in the adapter Hibernate loads.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = DoNotIncludeTests.class)
class ArchitectureTest {

  static final String ROOT = "dev.strata.cache";

  /**
   * Non-strict layers: a layer may use any layer below it, never one above. {@code spi} is the top: it
   * wires a manager from settings, the clock and the cluster handle, and nothing in the provider
   * calls back into it (a manager reports its close through a callback it was given).
   *
   * <p>{@code internal} is the plumbing (clock, L2 record layout, the Hazelcast instance and the watch
   * that reports cluster changes, thread naming). It may read
   * settings and codecs ({@code config}, {@code copy}) and nothing else: plumbing that reaches up
   * into the tiers, events or statistics would make the bottom of the stack depend on its top.
   *
   * <p>{@code config}, {@code copy}, {@code event} and {@code management} are used by the root and
   * the tiers and may use each other, but never the root, {@code spi}, the tiers or the plumbing. The
   * "may only be accessed by" lines of the upper layers already say so, so the lower ones need none.
   */
  @ArchTest
  static final ArchRule layers_spiRootTierInternal_dependOnlyDownward =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Spi").definedBy(ROOT + ".spi..")
          .layer("Root").definedBy(ROOT)
          .layer("Tier").definedBy(ROOT + ".tier..")
          .layer("Internal").definedBy(ROOT + ".internal..")
          .layer("Config").definedBy(ROOT + ".config..")
          .layer("Copy").definedBy(ROOT + ".copy..")
          .layer("Event").definedBy(ROOT + ".event..")
          .layer("Management").definedBy(ROOT + ".management..")
          .whereLayer("Spi").mayNotBeAccessedByAnyLayer()
          .whereLayer("Root").mayOnlyBeAccessedByLayers("Spi")
          .whereLayer("Tier").mayOnlyBeAccessedByLayers("Spi", "Root")
          .whereLayer("Internal").mayOnlyBeAccessedByLayers("Spi", "Root", "Tier")
          .whereLayer("Internal").mayOnlyAccessLayers("Config", "Copy");

  /**
   * One slice per package below {@code dev.strata.cache}, and the root package as a slice of its
   * own: {@code slices().matching("dev.strata.cache.(*)..")} would leave the root out, and with it the
   * cycles that run through the manager and the cache.
   */
  private static final SliceAssignment PROVIDER_PACKAGES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String pkg = javaClass.getPackageName();
          if (pkg.equals(ROOT)) {
            return SliceIdentifier.of("(root)");
          }
          if (pkg.startsWith(ROOT + ".")) {
            return SliceIdentifier.of(pkg.substring(ROOT.length() + 1).split("\\.", 2)[0]);
          }
          return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "the packages of the provider, the root package " + ROOT + " as its own";
        }
      };

  @ArchTest
  static final ArchRule packages_rootIncluded_areFreeOfCycles =
      slices().assignedFrom(PROVIDER_PACKAGES).should().beFreeOfCycles();

  /**
   * Hibernate is optional: only the package Hibernate loads through its service loader may name
   * Hibernate's types, nothing else in the provider may reach that package (or the provider would
   * fail to load without Hibernate), and the package itself needs only the allow-list.
   */
  @ArchTest
  static final ArchRule hibernate_onlyItsAdapterPackage_usesHibernate =
      noClasses().that().resideOutsideOfPackage(ROOT + ".hibernate..")
          .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", ROOT + ".hibernate..")
          .because("Hibernate is optional: the provider must load and run without it");

  @ArchTest
  static final ArchRule hibernate_adapter_usesOnlyTheAllowList =
      noClasses().that().resideInAPackage(ROOT + ".hibernate..")
          .should().dependOnClassesThat().resideInAnyPackage(ROOT, ROOT + ".spi..", ROOT + ".tier..", ROOT + ".internal..",
              ROOT + ".config..", ROOT + ".event..", ROOT + ".management..")
          .because("it teaches the allow-list the application's types, and does nothing else");

  /**
   * The lease reads Hazelcast's numbered invalidation stream through its internal Java API, on a
   * member and on a client, and on one- or two-core machines Strata swaps Hazelcast's
   * thread-per-task async executor for a pool (internal.AsyncCompletions); those three classes
   * alone may, so that an upgrade that changes the API breaks them and their tests, and nothing else.
   */
  @ArchTest
  static final ArchRule hazelcastInternals_onlyTheInvalidationStreamsAndTheAsyncPool_useThem =
      noClasses().that().haveNameNotMatching(ROOT.replace(".", "\\.") + "\\.tier\\.(Member|Client)Invalidations(\\$.*)?")
          .and().haveNameNotMatching(ROOT.replace(".", "\\.") + "\\.internal\\.AsyncCompletions(\\$.*)?")
          .should().dependOnClassesThat().resideInAnyPackage("com.hazelcast.internal..", "com.hazelcast.map.impl..",
              "com.hazelcast.client.impl..", "com.hazelcast.instance.impl..", "com.hazelcast.spi.impl..")
          .because("Hazelcast's internal API may change in any release: it stays behind the invalidation streams"
              + " and the async pool");

  @ArchTest
  static final ArchRule provider_anyClass_usesNoJakartaOrMicroProfile =
      noClasses()
          .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "org.eclipse.microprofile..")
          .because("the provider must work in plain Java SE (design: Modules)");
}
