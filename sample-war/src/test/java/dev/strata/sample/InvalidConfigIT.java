package dev.strata.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A catalog whose configuration sets {@code strata.cache.products.ttl=abc} must not deploy, and
 * the server log must say which key, which value and what is allowed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InvalidConfigIT {

  private static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

  @ArquillianResource
  Deployer deployer;

  @Deployment(name = "broken", managed = false, testable = false)
  static WebArchive catalogWithInvalidTtl() {
    WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("sample.war")));
    WebArchive broken = ShrinkWrap.create(WebArchive.class, "broken-catalog.war").merge(war);
    broken.delete(CONFIG);
    broken.add(new StringAsset("strata.cache.products.ttl=abc\n"), CONFIG);
    return broken;
  }

  @Test
  void deploy_invalidTtl_failsWithMessageNamingKeyValueAndWhatIsAllowed() {
    Path log = Path.of(System.getProperty("liberty.wlp"), "usr", "servers", "arquillian", "logs", "messages.log");

    assertThatThrownBy(() -> deployer.deploy("broken"))
        .hasMessageContaining("Strata property 'strata.cache.products.ttl' has the invalid value 'abc'")
        .hasMessageContaining("allowed: a positive ISO-8601 duration");
    // the administrator sees the same in the server log
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(read(log))
        .contains("Strata property 'strata.cache.products.ttl' has the invalid value 'abc'"));
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }
}
