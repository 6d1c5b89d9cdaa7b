package dev.strata.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The JVMs of one chaos run, each its own process inside one private {@link Network}: three
 * embedded Strata members, each on its own loopback address, and one Strata client. Starts,
 * kills, pauses and resumes them, and reads their status files. {@link #close} kills every
 * process it started, whatever state the run is in. Not thread-safe.
 */
public final class ChaosCluster implements AutoCloseable {

  /** The members' names and loopback addresses; the client connects from 127.0.0.1. */
  public static final Map<String, String> MEMBERS = Map.of("m1", "127.0.0.2", "m2", "127.0.0.3", "m3", "127.0.0.4");
  public static final String CLIENT = "c1";
  /** The member whose event thread a slow listener can overload (the {@code overload} phase). */
  public static final String SLOW_LISTENER = "m3";
  public static final String CLIENT_ADDRESS = "127.0.0.1";
  static final int PORT = 5701;
  private static final String CLUSTER_NAME = "strata-chaos";
  private static final List<String> NODES = List.of("m1", "m2", "m3", CLIENT);

  private final Path dir;
  private final Duration maxStaleness;
  private final long deadlineMillis;
  private final Network network;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, Integer> incarnations = new LinkedHashMap<>();
  /** Kills the JVMs if the harness itself is stopped (Ctrl-C, a killed build) before {@link #close}. */
  private final Thread killer = new Thread(this::killAll, "chaos-killer");

  private ChaosCluster(Path dir, Duration maxStaleness, long deadlineMillis, Network network) {
    this.dir = dir;
    this.maxStaleness = maxStaleness;
    this.deadlineMillis = deadlineMillis;
    this.network = network;
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /**
   * Creates the network and writes every node's configuration into {@code dir}; starts nothing.
   *
   * @param lifetime the longest the run may take: every process stops by itself after it
   */
  public static ChaosCluster create(Path dir, Duration maxStaleness, Duration lifetime) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Network network = Network.create(dir, lifetime.toSeconds() + 30, List.copyOf(MEMBERS.values()));
    ChaosCluster cluster = new ChaosCluster(dir, maxStaleness, System.currentTimeMillis() + lifetime.toMillis(), network);
    cluster.writeConfiguration();
    return cluster;
  }

  /** @return every key of the run: two per node, written by that node only */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (String node : NODES) {
      keys.addAll(keysOf(node));
    }
    return keys;
  }

  private static List<String> keysOf(String node) {
    return List.of(node + "-a", node + "-b");
  }

  /** How old an entry gets before a read reloads it from the chaos database in the background. */
  static final String REFRESH_AFTER = "PT0.02S";

  private void writeConfiguration() throws IOException {
    Files.writeString(dir.resolve("logging.properties"), "handlers=java.util.logging.ConsoleHandler\n.level=WARNING\n");
    for (Map.Entry<String, String> member : MEMBERS.entrySet()) {
      Files.writeString(dir.resolve(member.getKey() + ".yaml"), memberYaml(member.getValue(),
          member.getKey().equals(SLOW_LISTENER)));
      writeProperties(member.getKey(), "strata.hazelcast.mode=embedded\nstrata.hazelcast.config="
          + dir.resolve(member.getKey() + ".yaml") + "\n");
    }
    Files.writeString(dir.resolve(CLIENT + ".yaml"), clientYaml());
    writeProperties(CLIENT, "strata.hazelcast.mode=client\nstrata.hazelcast.config=" + dir.resolve(CLIENT + ".yaml") + "\n");
  }

  private void writeProperties(String node, String strata) throws IOException {
    Files.writeString(dir.resolve(node + ".properties"), strata
        + "strata.cache.default.max-staleness=" + maxStaleness + "\n"
        // refresh-ahead on: a read past 20 ms (about every write) reloads from the database, racing the writers
        + "strata.cache." + ChaosNode.CACHE + ".refresh-after=" + REFRESH_AFTER + "\n"
        + "chaos.write-keys=" + String.join(",", keysOf(node)) + "\n"
        + "chaos.read-keys=" + String.join(",", keys()) + "\n"
        + "chaos.deadline=" + deadlineMillis + "\n");
  }

  /**
   * A member on its own loopback address, binding outgoing connections to it too, so that a
   * routing rule can tell the members apart. Split brains are noticed within seconds and merged
   * within seconds; the merge keeps the most recent update of each entry.
   */
  private static String memberYaml(String address, boolean slowListener) {
    // the member that can be overloaded: one event thread with a short queue, which a slow listener fills
    String events = slowListener ? """
            hazelcast.event.thread.count: 1
            hazelcast.event.queue.capacity: 64
        """ : "";
    return ("""
        hazelcast:
          cluster-name: %s
          properties:
        """ + events + """
            hazelcast.phone.home.enabled: false
            hazelcast.socket.bind.any: false
            hazelcast.socket.client.bind.any: false
            hazelcast.wait.seconds.before.join: 1
            hazelcast.heartbeat.interval.seconds: 1
            hazelcast.max.no.heartbeat.seconds: 8
            hazelcast.merge.first.run.delay.seconds: 5
            hazelcast.merge.next.run.delay.seconds: 3
          network:
            public-address: %s:%d
            port:
              auto-increment: false
              port: %d
            interfaces:
              enabled: true
              interfaces:
                - %s
            join:
              multicast:
                enabled: false
              auto-detection:
                enabled: false
              tcp-ip:
                enabled: true
                member-list: [%s]
          jet:
            enabled: false
          map:
            strata/*:
              in-memory-format: BINARY
              backup-count: 1
              statistics-enabled: false
              per-entry-stats-enabled: true
              merge-policy:
                class-name: LatestUpdateMergePolicy
        """).formatted(CLUSTER_NAME, address, PORT, PORT, address, memberList());
  }

  /**
   * A client with one connection at a time (to the first member of the list that answers), so that
   * losing that member disconnects it; it reconnects without limit, failing fast meanwhile, as
   * Strata's own client configuration does.
   */
  private static String clientYaml() {
    return """
        hazelcast-client:
          cluster-name: %s
          properties:
            hazelcast.phone.home.enabled: false
            hazelcast.client.shuffle.member.list: false
          network:
            cluster-routing:
              mode: SINGLE_MEMBER
            cluster-members: [%s]
          connection-strategy:
            async-start: false
            reconnect-mode: ASYNC
            connection-retry:
              initial-backoff-millis: 200
              max-backoff-millis: 1000
              cluster-connect-timeout-millis: -1
        """.formatted(CLUSTER_NAME, memberList());
  }

  /** @return the members' addresses, a YAML flow list's items in address order */
  private static String memberList() {
    StringBuilder list = new StringBuilder();
    for (String address : new java.util.TreeSet<>(MEMBERS.values())) {
      list.append(list.length() == 0 ? "" : ", ").append('"').append(address).append(':').append(PORT).append('"');
    }
    return list.toString();
  }

  /** Starts the next incarnation of {@code node}. */
  public void start(String node) throws IOException {
    int incarnation = incarnations.merge(node, 1, Integer::sum) - 1;
    Files.deleteIfExists(dir.resolve(node + ".status"));
    List<String> command = new ArrayList<>(network.enter());
    // one CPU per JVM, as in a small container: after a stall its threads resume one at a time
    command.addAll(List.of("taskset", "-c", Integer.toString(NODES.indexOf(node) % Runtime.getRuntime().availableProcessors())));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=jdk",
        "-Djava.util.logging.config.file=" + dir.resolve("logging.properties"), "-Djava.net.preferIPv4Stack=true"));
    for (String flag : System.getProperty("chaos.jvm.flags", "").split("\\s+")) {
      if (!flag.isBlank()) {
        command.add(flag);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChaosNode.class.getName(),
        dir.toString(), node, Integer.toString(incarnation)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(node + "." + incarnation + ".out").toFile()).start();
    processes.put(node, process);
  }

  /** {@code kill -9}. */
  public void kill(String node) throws InterruptedException {
    Process process = processes.get(node);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** {@code kill -STOP}: the JVM freezes, as in a long stop-the-world pause. */
  public void pause(String node) throws IOException, InterruptedException {
    signal(node, "-STOP");
  }

  /** {@code kill -CONT}. */
  public void resume(String node) throws IOException, InterruptedException {
    signal(node, "-CONT");
  }

  private void signal(String node, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(processes.get(node).pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill " + signal + " " + node + " failed");
    }
  }

  /** Cuts {@code member} off from every other JVM of the run. */
  public void isolate(String member) throws IOException, InterruptedException {
    List<String> others = new ArrayList<>(List.of(CLIENT_ADDRESS));
    MEMBERS.forEach((name, address) -> {
      if (!name.equals(member)) {
        others.add(address);
      }
    });
    network.cut(MEMBERS.get(member), others);
  }

  /** Removes every cut. */
  public void heal() throws IOException, InterruptedException {
    network.heal();
  }

  /**
   * @return the refresh-ahead reloads the nodes' last incarnations started, stored and failed,
   *     summed over the nodes
   */
  public long[] refreshes() {
    long[] sum = new long[3];
    List<String> nodes = new java.util.ArrayList<>(MEMBERS.keySet());
    nodes.add(CLIENT);
    for (String node : nodes) {
      try {
        String[] counts = Files.readString(dir.resolve(node + ".refreshes")).trim().split(" ");
        for (int i = 0; i < 3; i++) {
          sum[i] += Long.parseLong(counts[i]);
        }
      } catch (IOException | RuntimeException e) {
        // a node that never wrote one counts nothing
      }
    }
    return sum;
  }

  /** @return the node's last status line, or "" if it has not written one */
  public String status(String node) {
    try {
      return Files.readString(dir.resolve(node + ".status")).trim();
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the member the client is connected to, or null while it is not connected */
  public String clientMember() {
    String status = status(CLIENT);
    for (Map.Entry<String, String> member : MEMBERS.entrySet()) {
      if (status.contains("[" + member.getValue() + "]")) {
        return member.getKey();
      }
    }
    return null;
  }

  /** @return whether {@code member} sees a cluster of {@code size} members, and its own backups in sync */
  public boolean sees(String member, int size) {
    return status(member).equals("member " + size + " true");
  }

  /** Waits until every member sees all three and the cluster is safe, and the client is connected. */
  public void awaitStable(Duration timeout) throws InterruptedException {
    await("all members in one safe cluster and the client connected", timeout,
        () -> MEMBERS.keySet().stream().allMatch(m -> sees(m, MEMBERS.size())) && clientMember() != null);
  }

  /** Polls {@code condition} every 100 ms. */
  public void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        StringBuilder statuses = new StringBuilder();
        for (String node : NODES) {
          statuses.append(' ').append(node).append("=[").append(status(node)).append(']');
        }
        throw new IllegalStateException("Timed out after " + timeout + " waiting for " + what + ";" + statuses);
      }
      Thread.sleep(100);
    }
  }

  /** Tells every writer to stop. */
  /**
   * Starts (or ends) the event overload on {@link #SLOW_LISTENER}: a listener there takes 50 ms per
   * event on the member's only event thread, so writes outpace it, its short queue overflows, and
   * Hazelcast drops events, invalidations of that member's L1 among them.
   */
  public void overload(boolean on) throws IOException {
    Path flag = dir.resolve(SLOW_LISTENER + ".overload");
    if (on) {
      Files.writeString(flag, "on\n");
    } else {
      Files.deleteIfExists(flag);
    }
  }

  /**
   * Starts (or ends) the loss of every invalidation on its way to {@code node}'s L1: the node
   * discards each one it receives (Strata's {@code strata.fault.lose-invalidations} switch), as if
   * its members had never sent it.
   */
  public void loseInvalidations(String node, boolean on) throws IOException {
    Path flag = dir.resolve(node + ".lose");
    if (on) {
      Files.writeString(flag, "on\n");
    } else {
      Files.deleteIfExists(flag);
    }
  }

  public void stopWrites() throws IOException {
    Files.writeString(dir.resolve("stop-writes"), "");
  }

  /** Tells every node to stop, and waits a little for them to flush their histories. */
  public void stopAll() throws IOException, InterruptedException {
    Files.writeString(dir.resolve("stop"), "");
    for (Process process : processes.values()) {
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** @return the run folder */
  public Path dir() {
    return dir;
  }

  /** Kills every process of the run, paused ones included. */
  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private void killAll() {
    for (Process process : processes.values()) {
      process.destroyForcibly();
    }
    for (Process process : processes.values()) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    network.close();
  }
}
