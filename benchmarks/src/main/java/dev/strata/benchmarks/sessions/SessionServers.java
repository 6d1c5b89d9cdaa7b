package dev.strata.benchmarks.sessions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Two Open Liberty servers on 127.0.0.1 whose HTTP sessions are kept by one JCache provider,
 * Strata or Hazelcast's own, each server with its own embedded Hazelcast member and the two
 * members in one cluster. Laid out under an installed Liberty runtime from the templates in
 * {@code liberty/sessions/}, with the provider's jars (from this JVM's class path) as the
 * {@code <library>}, and {@link SessionServlet} as the only application. Closing stops both.
 */
final class SessionServers implements AutoCloseable {

  /** The jars of each provider's library: the provider and its runtime dependencies, never the JCache API. */
  private static final Pattern STRATA_JARS =
      Pattern.compile(".*/(strata-provider|hazelcast|caffeine|jspecify|error_prone_annotations|fory-core|janino|commons-compiler)[-/][^/]*\\.jar|.*/provider/target/classes");
  private static final Pattern HAZELCAST_JARS = Pattern.compile(".*/hazelcast-[0-9][^/]*\\.jar");
  private static final long COMMAND_SECONDS = 180;

  private final Path wlp;
  private final List<String> names = new ArrayList<>();
  final int[] httpPorts;

  private SessionServers(Path wlp, int[] httpPorts) {
    this.wlp = wlp;
    this.httpPorts = httpPorts;
  }

  /**
   * Lays out and starts the two servers.
   *
   * @param provider {@code strata} or {@code hazelcast}
   */
  static SessionServers start(String provider, Path wlp, int firstHttpPort, int firstClusterPort) {
    int[] http = {firstHttpPort, firstHttpPort + 1};
    int[] cluster = {firstClusterPort, firstClusterPort + 1};
    String members = "127.0.0.1:" + cluster[0] + ",127.0.0.1:" + cluster[1];
    String clusterName = "sessions-bench-" + provider;
    SessionServers servers = new SessionServers(wlp, http);
    try {
      for (int i = 0; i < 2; i++) {
        String name = "sessions-" + provider + "-" + (char) ('a' + i);
        servers.layOut(name, provider, http[i], cluster[i], members, clusterName);
        servers.names.add(name);
        servers.command("start", name);
      }
    } catch (RuntimeException e) {
      servers.close();
      throw e;
    }
    return servers;
  }

  private void layOut(String name, String provider, int httpPort, int clusterPort, String members, String clusterName) {
    Path dir = wlp.resolve("usr/servers").resolve(name);
    try {
      if (Files.isDirectory(dir)) {
        quietly("stop", name);
        deleteTree(dir);
      }
      Path jcache = Files.createDirectories(dir.resolve("jcache"));
      copyResource(provider + ".xml", dir.resolve("server.xml"));
      if (provider.equals("hazelcast")) {
        String member = read("hazelcast-member.xml").replace("@PORT@", String.valueOf(clusterPort))
            .replace("@MEMBERS@", members).replace("@CLUSTER@", clusterName);
        Files.writeString(dir.resolve("hazelcast-member.xml"), member, StandardCharsets.UTF_8);
      }
      Pattern jars = provider.equals("strata") ? STRATA_JARS : HAZELCAST_JARS;
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        Path path = Path.of(entry).toAbsolutePath();
        if (jars.matcher(path.toString().replace('\\', '/')).matches()) {
          if (Files.isDirectory(path)) {
            throw new IllegalStateException("The Strata provider is on the class path as " + path
                + ", not as a jar: run the benchmark with the packaged reactor (benchmarks/run.sh sessions)");
          }
          Files.copy(path, jcache.resolve(path.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Path classes = Files.createDirectories(dir.resolve("apps/sessions.war/WEB-INF/classes/dev/strata/benchmarks/sessions"));
      // read as a resource: the servlet API is not on this JVM's class path
      try (InputStream servlet = SessionServers.class.getResourceAsStream("SessionServlet.class")) {
        Files.copy(servlet, classes.resolve("SessionServlet.class"), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.write(dir.resolve("bootstrap.properties"), List.of(
          "http.port=" + httpPort, "cluster.port=" + clusterPort, "cluster.members=" + members,
          "cluster.name=" + clusterName), StandardCharsets.UTF_8);
      Files.write(dir.resolve("jvm.options"), List.of(
          "--add-modules=java.se", "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
          "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=jdk", "-Djava.net.preferIPv4Stack=true",
          "-Xmx512m"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not lay out Liberty server " + name, e);
    }
  }

  private static String read(String template) throws IOException {
    try (InputStream in = SessionServers.class.getResourceAsStream("/liberty/sessions/" + template)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void copyResource(String template, Path to) throws IOException {
    Files.writeString(to, read(template), StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** @return the server's messages.log, for a failure report */
  String log(int server) {
    Path log = wlp.resolve("usr/servers").resolve(names.get(server)).resolve("logs/messages.log");
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private String command(String action, String name) {
    try {
      Process process = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
          .redirectErrorStream(true).start();
      if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("'server " + action + " " + name + "' took over " + COMMAND_SECONDS + " s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("'server " + action + " " + name + "' failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void quietly(String action, String name) {
    try {
      command(action, name);
    } catch (RuntimeException ignored) {
      // it was not running
    }
  }

  @Override
  public void close() {
    for (String name : names) {
      quietly("stop", name);
    }
  }
}
