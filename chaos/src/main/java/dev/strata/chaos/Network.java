package dev.strata.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private network namespace that holds every JVM of a run: a holder process started with
 * {@code unshare -n} keeps it alive, each JVM joins it through {@code nsenter}, and policy routing
 * cuts and heals traffic between loopback addresses inside it. Needs root, {@code unshare},
 * {@code nsenter} and iproute2 (see the suite's README). Not thread-safe.
 */
final class Network implements AutoCloseable {

  private static final int FIRST_CUT_PREF = 10;

  private final Process holder;
  private final Path logDir;
  private final List<Integer> cutPrefs = new ArrayList<>();

  private Network(Process holder, Path logDir) {
    this.holder = holder;
    this.logDir = logDir;
  }

  /**
   * Creates the namespace, brings its loopback up and moves the {@code local} lookup rule behind
   * the cut rules, so that a cut between two loopback addresses takes effect.
   *
   * @param lifetimeSeconds the holder exits by itself after this long, whatever happens to the harness
   * @param addresses       loopback addresses to give {@code lo} besides 127.0.0.1
   */
  static Network create(Path logDir, long lifetimeSeconds, List<String> addresses) throws IOException, InterruptedException {
    Process holder = new ProcessBuilder("unshare", "-n", "sleep", Long.toString(lifetimeSeconds))
        .redirectErrorStream(true).redirectOutput(logDir.resolve("netns-holder.out").toFile()).start();
    Network network = new Network(holder, logDir);
    try {
      network.awaitOwnNamespace();
      network.ip("link", "set", "lo", "up");
      // Hazelcast binds only addresses that an interface holds
      for (String address : addresses) {
        network.ip("address", "add", address + "/32", "dev", "lo");
      }
      network.ip("rule", "del", "pref", "0", "lookup", "local");
      network.ip("rule", "add", "pref", "100", "lookup", "local");
    } catch (IOException | RuntimeException e) {
      network.close();
      throw new IOException("Cannot set up a private network namespace (unshare -n, nsenter, ip rule): " + e.getMessage()
          + ". The chaos suite needs root and iproute2.", e);
    }
    return network;
  }

  /**
   * Waits until the holder has left this process's namespace: until then, {@code nsenter} would
   * change the machine's own routing rules.
   */
  private void awaitOwnNamespace() throws IOException, InterruptedException {
    Path mine = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
    Path theirs = Path.of("/proc/" + holder.pid() + "/ns/net");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Files.readSymbolicLink(theirs).equals(mine) || !"sleep".equals(Files.readString(Path.of("/proc/" + holder.pid() + "/comm")).trim())) {
      if (!holder.isAlive() || System.nanoTime() > deadline) {
        throw new IOException("unshare -n did not create a network namespace");
      }
      Thread.sleep(10);
    }
  }

  /** @return the command prefix that runs a program inside the namespace */
  List<String> enter() {
    return List.of("nsenter", "--net=/proc/" + holder.pid() + "/ns/net");
  }

  /** Cuts all traffic, both ways, between {@code isolated} and each of {@code others}. */
  void cut(String isolated, List<String> others) throws IOException, InterruptedException {
    for (String other : others) {
      for (String[] pair : new String[][] {{isolated, other}, {other, isolated}}) {
        int pref = FIRST_CUT_PREF + cutPrefs.size();
        ip("rule", "add", "pref", Integer.toString(pref), "from", pair[0], "to", pair[1], "prohibit");
        cutPrefs.add(pref);
      }
    }
  }

  /** Removes every cut. */
  void heal() throws IOException, InterruptedException {
    for (int pref : cutPrefs) {
      ip("rule", "del", "pref", Integer.toString(pref));
    }
    cutPrefs.clear();
  }

  private void ip(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(enter());
    command.add("ip");
    command.addAll(List.of(args));
    Process ip = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("ip.out").toFile())).start();
    if (!ip.waitFor(10, TimeUnit.SECONDS)) {
      ip.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", command));
    }
    if (ip.exitValue() != 0) {
      throw new IOException("failed (exit " + ip.exitValue() + "): " + String.join(" ", command));
    }
  }

  @Override
  public void close() {
    holder.destroyForcibly();
  }
}
