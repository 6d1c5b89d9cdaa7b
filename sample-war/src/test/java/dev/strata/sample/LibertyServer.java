package dev.strata.sample;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Open Liberty server of the test's own, made from the repository's server configuration and
 * the built WAR, started and stopped with Liberty's {@code server} script. Closing stops it.
 */
final class LibertyServer implements AutoCloseable {

  private static final long COMMAND_TIMEOUT_SECONDS = 180;

  private final Path wlp;
  private final String name;
  private final int httpPort;

  private LibertyServer(Path wlp, String name, int httpPort) {
    this.wlp = wlp;
    this.name = name;
    this.httpPort = httpPort;
  }

  /**
   * Lays out server {@code name} under the installed runtime: server-config/liberty's server.xml,
   * shared.xml and jvm.options, the sample WAR, and bootstrap properties for its ports and Strata.
   */
  static LibertyServer create(String name, int httpPort, List<String> bootstrap) {
    return create(name, "liberty", httpPort, bootstrap);
  }

  /**
   * Lays out server {@code name} as {@link #create(String, int, List)} does, but from the files of
   * server-config's folder {@code configFolder} (its server.xml, server.env, ...), with
   * liberty/shared.xml and liberty/jvm.options unless that folder has its own.
   */
  static LibertyServer create(String name, String configFolder, int httpPort, List<String> bootstrap) {
    Path wlp = Path.of(System.getProperty("liberty.wlp"));
    Path config = Path.of(System.getProperty("server.config"));
    Path dir = wlp.resolve("usr/servers").resolve(name);
    LibertyServer server = new LibertyServer(wlp, name, httpPort);
    server.stopQuietly();
    try {
      deleteRecursively(dir.resolve("logs"));
      deleteRecursively(dir.resolve("configDropins"));
      Files.createDirectories(dir.resolve("apps"));
      for (String file : List.of("shared.xml", "jvm.options")) {
        Files.copy(config.resolve("liberty").resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      try (var files = Files.list(config.resolve(configFolder))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.copy(Path.of(System.getProperty("sample.war")), dir.resolve("apps/strata-sample.war"), StandardCopyOption.REPLACE_EXISTING);
      Files.write(dir.resolve("bootstrap.properties"), bootstrap, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not lay out Liberty server " + name, e);
    }
    return server;
  }

  /**
   * @return the bootstrap properties of a server with a Hazelcast cluster of its own, started with the
   *     application: its HTTP and HTTPS ports, the cluster's name and the member's port
   */
  static List<String> ownCluster(String httpPort, String httpsPort, String clusterName, String hazelcastPort) {
    return List.of(
        "http.port=" + httpPort,
        "https.port=" + httpsPort,
        "strata.hazelcast.cluster-name=" + clusterName,
        "strata.hazelcast.port=" + hazelcastPort,
        "strata.hazelcast.start=eager");
  }

  /**
   * Sets the server's trace specification before it starts, in configDropins/overrides, so the
   * repository's server.xml stays as it is; the trace goes to logs/trace.log.
   */
  LibertyServer trace(String specification) {
    Path overrides = dir().resolve("configDropins/overrides");
    try {
      Files.createDirectories(overrides);
      Files.writeString(overrides.resolve("trace.xml"), "<server><logging traceSpecification=\"" + specification
          + "\"/></server>\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the trace specification of Liberty server " + name, e);
    }
    return this;
  }

  /** Starts the server; returns once Liberty reports it started (the application may still be starting). */
  LibertyServer start() {
    String output = run("start");
    if (!output.contains("started")) {
      throw new IllegalStateException("Liberty server " + name + " did not start: " + output);
    }
    return this;
  }

  /**
   * Waits until the server's readiness ({@code /health/ready}) is UP, at most {@code deadline}.
   *
   * @param what what is awaited, for the timeout's message
   */
  LibertyServer awaitReady(String what, Duration deadline) {
    await(what).atMost(deadline).pollInterval(Duration.ofMillis(500)).until(() -> http().get("/health/ready").status() == 200);
    return this;
  }

  void stop() {
    run("stop");
  }

  Http http() {
    return Http.onPort(httpPort);
  }

  /** @return the server's messages.log, for failure reports */
  String log() {
    return read(dir().resolve("logs/messages.log"));
  }

  /** @return the server's trace.log (see {@link #trace}) */
  String traceLog() {
    return read(dir().resolve("logs/trace.log"));
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private Path dir() {
    return wlp.resolve("usr/servers").resolve(name);
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
  }

  private void stopQuietly() {
    if (Files.isDirectory(dir())) {
      try {
        run("stop");
      } catch (RuntimeException ignored) {
        // nothing was running
      }
    }
  }

  private String run(String action) {
    try {
      Process process = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
          .redirectErrorStream(true)
          .start();
      if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("'server " + action + " " + name + "' took over " + COMMAND_TIMEOUT_SECONDS + " s");
      }
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stopQuietly();
  }

  /** Stops every server that was created; null entries (never created) are skipped. */
  static void closeAll(LibertyServer... servers) {
    for (LibertyServer server : servers) {
      if (server != null) {
        server.close();
      }
    }
  }
}
