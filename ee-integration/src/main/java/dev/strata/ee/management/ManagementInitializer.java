package dev.strata.ee.management;

import dev.strata.cache.StrataCacheManager;
import dev.strata.ee.cdi.StrataRuntime;
import dev.strata.ee.config.StrataConfig;
import dev.strata.ee.warming.CacheWarming;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.HttpMethodConstraintElement;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity.TransportGuarantee;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Registers the management REST API when the application starts, if and only if
 * {@code strata.management.enabled=true}: one servlet at {@code <context root>/strata/*}, whatever the
 * application's JAX-RS {@code @ApplicationPath}, with security constraints of its own: GET needs
 * {@code strata-monitor} or {@code strata-admin}, every other method {@code strata-admin}. The
 * application's login configuration (BASIC, FORM, ...) authenticates, and the server maps the roles.
 * Off, nothing is registered and {@code /strata} is whatever the application makes it (a 404). A
 * configuration that does not validate registers nothing here: the CDI extension fails the deployment
 * with its message. Found through {@code META-INF/services}; stateless.
 */
public final class ManagementInitializer implements ServletContainerInitializer {

  /** The servlet's mapping below the context root. */
  public static final String MAPPING = "/strata/*";

  private static final System.Logger LOG = System.getLogger(ManagementInitializer.class.getName());

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    StrataConfig config;
    try {
      config = StrataConfig.load(context.getClassLoader());
    } catch (IllegalArgumentException invalid) {
      LOG.log(Level.DEBUG, "management=not-registered reason=invalid-configuration");
      return;
    }
    if (!config.managementEnabled()) {
      return;
    }
    Supplier<StrataRuntime> runtime = () -> CDI.current().select(StrataRuntime.class).get();
    Supplier<StrataCacheManager> manager = () -> runtime.get().manager();
    ServletRegistration.Dynamic servlet = context.addServlet("strata-management",
        new ManagementServlet(ManagementApi.routes(manager, () -> runtime.get().config(),
            () -> CDI.current().select(CacheWarming.class).get())));
    if (servlet == null) {
      LOG.log(Level.WARNING, "Strata management API not registered: the application already has a servlet named "
          + "'strata-management'");
      return;
    }
    Set<String> conflicts = servlet.addMapping(MAPPING);
    if (!conflicts.isEmpty()) {
      LOG.log(Level.WARNING, "Strata management API not reachable: the application maps " + conflicts + " itself");
      return;
    }
    context.declareRoles(Caller.ADMIN, Caller.MONITOR);
    servlet.setServletSecurity(new ServletSecurityElement(
        new HttpConstraintElement(TransportGuarantee.NONE, Caller.ADMIN),
        List.of(new HttpMethodConstraintElement("GET",
            new HttpConstraintElement(TransportGuarantee.NONE, Caller.MONITOR, Caller.ADMIN)))));
    // the root context is "" by the spec, but "/" on some servers
    String contextRoot = context.getContextPath().endsWith("/") ? context.getContextPath().substring(0, context.getContextPath().length() - 1)
        : context.getContextPath();
    LOG.log(Level.INFO, "Strata management API at " + contextRoot + "/strata (reading needs the role "
        + Caller.MONITOR + " or " + Caller.ADMIN + ", changing needs " + Caller.ADMIN + "); "
        + StrataConfig.MANAGEMENT_ENABLED + "=true");
  }
}
