package dev.strata.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A plain Hazelcast member in a JVM of its own (the Hazelcast and cache-api jars only), on
 * 127.0.0.1, for the client-mode subjects. Closing it kills the JVM.
 */
final class RemoteMember implements AutoCloseable {

  private final Process process;
  final int port;

  private RemoteMember(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static RemoteMember start(String clusterName, int port) {
    try {
      Path config = Files.createTempFile("bench-member", ".yaml");
      Files.writeString(config, String.join("\n",
          "hazelcast:",
          "  cluster-name: " + clusterName,
          "  properties:",
          "    hazelcast.phone.home.enabled: false",
          "    hazelcast.socket.bind.any: false",
          "  network:",
          "    port:",
          "      auto-increment: false",
          "      port: " + port,
          "    interfaces:",
          "      enabled: true",
          "      interfaces: [127.0.0.1]",
          "    join:",
          "      auto-detection: {enabled: false}",
          "      multicast: {enabled: false}",
          "      tcp-ip: {enabled: false}",
          ""), StandardCharsets.UTF_8);
      List<String> jars = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        String name = Path.of(entry).getFileName().toString();
        if (name.startsWith("hazelcast-") || name.startsWith("cache-api-")) {
          jars.add(entry);
        }
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process = new ProcessBuilder(java, "--add-modules=java.se", "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx1g", "-Dhazelcast.logging.type=none",
          "-Dhazelcast.config=" + config, "-cp", String.join(File.pathSeparator, jars),
          "com.hazelcast.core.server.HazelcastMemberStarter")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return new RemoteMember(process, port);
        } catch (IOException notYet) {
          Thread.sleep(200);
        }
      }
      process.destroyForcibly();
      throw new IllegalStateException("The benchmark's Hazelcast member did not listen on 127.0.0.1:" + port + " within 60 s");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
