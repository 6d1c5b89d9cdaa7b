package dev.strata.cache;

import static org.awaitility.Awaitility.await;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import dev.strata.cache.internal.Clock;
import dev.strata.cache.spi.StrataCachingProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Test fixture: Strata nodes that form one Hazelcast cluster inside this JVM. Every node is its
 * own {@link StrataCachingProvider}, so it has its own Hazelcast instance and its own L1, as a
 * separate JVM would. All nodes use one cache-manager URI (so one Hazelcast map per cache) and a
 * cluster name unique to this fixture, bind 127.0.0.1 and join by TCP/IP within the port range the
 * test class reserves. Closing the fixture closes every node and member it started. Not
 * thread-safe: build it on the test thread.
 */
final class Cluster implements AutoCloseable {

  /** The cache-manager URI every node uses: the Hazelcast map of cache {@code c} is {@code strata/<URI>/c}. */
  static final URI URI = java.net.URI.create("strata:test");

  /** The longest any test waits for the cluster to do something. */
  static final Duration PATIENCE = Duration.ofSeconds(20);

  private final String name = "coh-" + UUID.randomUUID().toString().substring(0, 8);
  private final int firstPort;
  private final int lastPort;
  private final List<Node> nodes = new ArrayList<>();
  private final List<HazelcastInstance> plainMembers = new ArrayList<>();
  private final List<Path> configFiles = new ArrayList<>();

  private Cluster(int firstPort, int lastPort) {
    this.firstPort = firstPort;
    this.lastPort = lastPort;
  }

  /**
   * A cluster whose members listen on ports {@code firstPort..lastPort} of 127.0.0.1; reserve a
   * range no other test class uses, one port per member at least.
   */
  static Cluster onPorts(int firstPort, int lastPort) {
    return new Cluster(firstPort, lastPort);
  }

  /** @return the TCP/IP member list of this cluster, e.g. {@code 127.0.0.1:5900,127.0.0.1:5901} */
  private String memberList() {
    return IntStream.rangeClosed(firstPort, lastPort).mapToObj(port -> "127.0.0.1:" + port)
        .collect(Collectors.joining(","));
  }

  /** An embedded Strata member with default settings. */
  Node member() {
    return member(Clock.SYSTEM, Map.of());
  }

  /** An embedded Strata member; {@code settings} are Strata properties added to (or overriding) the cluster's. */
  Node member(Map<String, String> settings) {
    return member(Clock.SYSTEM, settings);
  }

  /** An embedded Strata member whose caches run on {@code clock}. */
  Node member(Clock clock, Map<String, String> settings) {
    Properties properties = new Properties();
    properties.setProperty("strata.hazelcast.mode", "embedded");
    properties.setProperty("strata.hazelcast.cluster-name", name);
    properties.setProperty("strata.hazelcast.members", memberList());
    properties.setProperty("strata.hazelcast.port", String.valueOf(firstPort));
    properties.putAll(settings);
    return add(new Node(new StrataCachingProvider(clock), properties));
  }

  /**
   * An embedded Strata member configured by a standard Hazelcast YAML file, as an operations team
   * would configure it: the file joins this cluster and adds {@code hazelcastProperties}, e.g. a
   * smaller event queue.
   */
  Node memberFromConfigFile(Clock clock, Map<String, String> settings, Map<String, String> hazelcastProperties) {
    StringBuilder extra = new StringBuilder();
    hazelcastProperties.forEach((key, value) -> extra.append("    ").append(key).append(": \"").append(value).append("\"\n"));
    String members = Arrays.stream(memberList().split(",")).map(m -> '"' + m + '"').collect(Collectors.joining(", "));
    String yaml = """
        hazelcast:
          cluster-name: %s
          properties:
            hazelcast.phone.home.enabled: "false"
            hazelcast.socket.bind.any: "false"
            hazelcast.wait.seconds.before.join: "0"
        %s  jet:
            enabled: false
          network:
            port:
              port: %d
              auto-increment: true
              port-count: %d
            interfaces:
              enabled: true
              interfaces: ["127.0.0.1"]
            join:
              multicast:
                enabled: false
              auto-detection:
                enabled: false
              tcp-ip:
                enabled: true
                member-list: [%s]
        """.formatted(name, extra, firstPort, lastPort - firstPort + 1, members);
    try {
      Path file = Files.createTempFile(name + "-", ".yaml");
      configFiles.add(file);
      Files.writeString(file, yaml);
      Properties properties = new Properties();
      properties.setProperty("strata.hazelcast.config", file.toString());
      properties.putAll(settings);
      return add(new Node(new StrataCachingProvider(clock), properties));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Strata node in client mode, connected to the plain members started so far. */
  Node client(Map<String, String> settings) {
    Properties properties = clientProperties();
    properties.putAll(settings);
    return add(new Node(new StrataCachingProvider(), properties));
  }

  /** @return the Strata properties of a client of the plain members started so far, for a node in another process */
  Properties clientProperties() {
    String members = plainMembers.stream()
        .map(member -> "127.0.0.1:" + member.getCluster().getLocalMember().getAddress().getPort())
        .collect(Collectors.joining(","));
    Properties properties = new Properties();
    properties.setProperty("strata.hazelcast.mode", "client");
    properties.setProperty("strata.hazelcast.cluster-name", name);
    properties.setProperty("strata.hazelcast.members", members);
    properties.setProperty("strata.hazelcast.connect-timeout", "PT10S");
    return properties;
  }

  /** A Hazelcast member with no Strata in it, as an operations team would run it. */
  HazelcastInstance plainMember() {
    Config config = new Config();
    config.setClusterName(name);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.getJetConfig().setEnabled(false);
    config.getNetworkConfig().setPort(firstPort).setPortAutoIncrement(true).setPortCount(lastPort - firstPort + 1);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(List.of(memberList().split(",")));
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    plainMembers.add(member);
    return member;
  }

  private Node add(Node node) {
    nodes.add(node);
    return node;
  }

  /** Starts the Hazelcast instances of {@code nodes} now, rather than on their first cache, and {@link #awaitStable waits}. */
  void startAndAwaitStable(Node... nodes) {
    for (Node node : nodes) {
      node.manager().connect();
    }
    awaitStable();
  }

  /**
   * Waits until the cluster is stable: every running member (terminated ones are left out) sees
   * all the others, every member's partition table names the same owner for every partition and
   * gives each member a share, and no partition is migrating or has a backup out of sync. Then no membership or migration event
   * (which drops every L1) arrives in the middle of a test, and every acknowledged write has its
   * backup. Hazelcast reports itself safe while a new member's table is still on its way, so the
   * tables are compared here rather than trusting {@code isClusterSafe} alone.
   */
  void awaitStable() {
    List<HazelcastInstance> members = new ArrayList<>(plainMembers.stream()
        .filter(member -> member.getLifecycleService().isRunning()).toList());
    for (Node node : nodes) {
      HazelcastInstance instance = node.hazelcast();
      if (instance != null && node.isMember() && instance.getLifecycleService().isRunning()) {
        members.add(instance);
      }
    }
    // assign partitions now rather than on the first write of a test
    members.get(0).getPartitionService().getPartitions();
    await("cluster " + name + " of " + members.size() + " members to be stable").atMost(PATIENCE)
        .until(() -> isStable(members));
  }

  private static boolean isStable(List<HazelcastInstance> members) {
    Map<Integer, UUID> owners = owners(members.get(0));
    Set<UUID> ids = members.stream().map(member -> member.getCluster().getLocalMember().getUuid())
        .collect(Collectors.toSet());
    if (owners == null || !ids.equals(new HashSet<>(owners.values()))) {
      return false;
    }
    for (HazelcastInstance member : members) {
      if (member.getCluster().getMembers().size() != members.size() || !owners.equals(owners(member))
          || !member.getPartitionService().isClusterSafe()) {
        return false;
      }
    }
    return true;
  }

  /** @return the owner of each partition as {@code member} sees it, or null if one has none yet */
  private static Map<Integer, UUID> owners(HazelcastInstance member) {
    Map<Integer, UUID> owners = new HashMap<>();
    for (Partition partition : member.getPartitionService().getPartitions()) {
      Member owner = partition.getOwner();
      if (owner == null) {
        return null;
      }
      owners.put(partition.getPartitionId(), owner.getUuid());
    }
    return owners;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (int i = nodes.size() - 1; i >= 0; i--) {
      try {
        nodes.get(i).close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    for (HazelcastInstance member : plainMembers) {
      member.getLifecycleService().terminate();
    }
    for (Path file : configFiles) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        failure = failure == null ? new UncheckedIOException(e) : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
