package dev.strata.ee.management;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the initializer registers in a servlet context, with the switch read from MicroProfile Config
 * (system properties are one of its sources). The context is a recording stand-in: no container.
 */
class ManagementInitializerTest {

  /** What the initializer asked of the context. */
  private static final class Recorded {
    final List<String> servlets = new ArrayList<>();
    final List<String> mappings = new ArrayList<>();
    final List<ServletSecurityElement> security = new ArrayList<>();
  }

  @AfterEach
  void clear() {
    System.clearProperty("strata.management.enabled");
  }

  private static Recorded start() {
    Recorded recorded = new Recorded();
    ClassLoader loader = ManagementInitializerTest.class.getClassLoader();
    ServletRegistration.Dynamic registration = (ServletRegistration.Dynamic) Proxy.newProxyInstance(loader,
        new Class<?>[] {ServletRegistration.Dynamic.class}, (proxy, method, args) -> switch (method.getName()) {
          case "addMapping" -> {
            recorded.mappings.addAll(List.of((String[]) args[0]));
            yield new HashSet<String>();
          }
          case "setServletSecurity" -> {
            recorded.security.add((ServletSecurityElement) args[0]);
            yield Set.of();
          }
          default -> null;
        });
    ServletContext context = (ServletContext) Proxy.newProxyInstance(loader, new Class<?>[] {ServletContext.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getClassLoader" -> loader;
          case "getContextPath" -> "";
          case "addServlet" -> {
            recorded.servlets.add((String) args[0]);
            yield registration;
          }
          default -> null;
        });
    new ManagementInitializer().onStartup(Set.of(), context);
    return recorded;
  }

  @Test
  void onStartup_byDefault_registersNothing() {
    assertThat(start().servlets).isEmpty();
  }

  @Test
  void onStartup_invalidSwitch_registersNothingAndLeavesTheErrorToDeployment() {
    System.setProperty("strata.management.enabled", "yes");

    assertThat(start().servlets).isEmpty();
  }

  @Test
  void onStartup_enabled_registersOneServletUnderStrataWithRoleConstraints() {
    System.setProperty("strata.management.enabled", "true");

    Recorded recorded = start();

    assertThat(recorded.servlets).containsExactly("strata-management");
    assertThat(recorded.mappings).containsExactly("/strata/*");
    ServletSecurityElement security = recorded.security.get(0);
    assertThat(security.getRolesAllowed()).containsExactly("strata-admin");
    assertThat(security.getHttpMethodConstraints()).singleElement().satisfies(get -> {
      assertThat(get.getMethodName()).isEqualTo("GET");
      assertThat(get.getRolesAllowed()).containsExactlyInAnyOrder("strata-monitor", "strata-admin");
    });
  }
}
