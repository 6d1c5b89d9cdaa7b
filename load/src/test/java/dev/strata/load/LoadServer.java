package dev.strata.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Open Liberty server of the load test, laid out from server-config/load with the sample WAR,
 * started with Liberty's {@code server} script, killed with SIGKILL by its process id. Not thread-safe;
 * {@link #ready()} may be called from any thread.
 */
final class LoadServer {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  private final Path wlp;
  private final String name;
  private final int httpPort;

  private LoadServer(Path wlp, String name, int httpPort) {
    this.wlp = wlp;
    this.name = name;
    this.httpPort = httpPort;
  }

  /** Lays the server out: configuration, WAR and {@code bootstrap}, the logs of a previous run removed. */
  static LoadServer create(String name, int httpPort, List<String> bootstrap) {
    Path wlp = Path.of(System.getProperty("liberty.wlp"));
    Path config = Path.of(System.getProperty("server.config"));
    LoadServer server = new LoadServer(wlp, name, httpPort);
    Path dir = server.dir();
    try {
      server.command("stop");
      if (Files.isDirectory(dir.resolve("logs"))) {
        try (var files = Files.walk(dir.resolve("logs"))) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
      Files.createDirectories(dir.resolve("apps"));
      for (String file : List.of("shared.xml", "jvm.options")) {
        Files.copy(config.resolve("liberty").resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.copy(config.resolve("load/server.xml"), dir.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(Path.of(System.getProperty("sample.war")), dir.resolve("apps/strata-sample.war"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.write(dir.resolve("bootstrap.properties"), bootstrap, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not lay out Liberty server " + name, e);
    }
    return server;
  }

  String name() {
    return name;
  }

  /** @return the base URL of its HTTP endpoint */
  String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  void start() {
    String output = command("start");
    if (!output.contains("started")) {
      throw new IllegalStateException("Liberty server " + name + " did not start: " + output);
    }
  }

  /** Waits for readiness at most {@code deadline}; throws if it does not come. */
  void awaitReady(Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (!ready()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("Liberty server " + name + " was not ready within " + deadline
            + "; see " + dir().resolve("logs/messages.log"));
      }
      Thread.sleep(500);
    }
  }

  /** @return whether {@code /health/ready} answers UP now (within two seconds) */
  boolean ready() {
    return Boolean.TRUE.equals(readiness());
  }

  /**
   * @return true if {@code /health/ready} answers UP within two seconds, false if it answers DOWN or
   *     the server refuses the connection, null if it did not answer in time
   */
  Boolean readiness() {
    try {
      HttpResponse<Void> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url() + "/health/ready"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (java.net.http.HttpTimeoutException e) {
      return null;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Kills the server's JVM with SIGKILL: no shutdown hook, no goodbye to the cluster. */
  void kill() {
    ProcessHandle process = ProcessHandle.of(pid()).orElseThrow(
        () -> new IllegalStateException("Liberty server " + name + " is not running"));
    process.destroyForcibly();
    process.onExit().join();
  }

  /** @return the heap in use after a full GC, in MB, as {@code jcmd GC.heap_info} reports it; -1 if unknown */
  long heapUsedAfterGcMb() {
    try {
      long pid = pid();
      jcmd(pid, "GC.run");
      Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
      return used.find() ? Long.parseLong(used.group(1)) / 1024 : -1;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  void stop() {
    command("stop");
  }

  private long pid() {
    try {
      return Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid/" + name + ".pid")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("No process id of Liberty server " + name, e);
    }
  }

  private Path dir() {
    return wlp.resolve("usr/servers").resolve(name);
  }

  private static String jcmd(long pid, String command) {
    return run(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command));
  }

  private String command(String action) {
    return run(List.of(wlp.resolve("bin/server").toString(), action, name));
  }

  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " took over 180 s");
      }
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
