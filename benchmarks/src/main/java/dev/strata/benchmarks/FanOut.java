package dev.strata.benchmarks;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.strata.cache.spi.StrataCachingProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/**
 * What one write costs the cluster as JVMs holding a near cache of the cache join: bytes on the
 * loopback and the writer's put latency, with 0, 2, 4 or 8 other JVMs that have read every key into
 * their L1 (Strata: embedded members with defaults; Hazelcast: members with a Near Cache on the map,
 * invalidated on change, Hazelcast's defaults otherwise). Two topologies: {@code members}, where
 * every JVM is a member (Strata's default), and {@code clients}, where the writer and the others are
 * clients of a cluster of two plain Hazelcast members (no Strata class on them; they send
 * invalidations as they happen, {@code hazelcast.map.invalidation.batch.enabled=false}, as Strata's
 * README asks), the same cluster for both subjects: there the write goes over the network with no
 * other JVM too, so its latency compares from 0 to 8. Run it in a private network namespace
 * ({@code benchmarks/run.sh fanout}), so that the loopback's counters in {@code /proc/net/dev} count
 * these JVMs alone; the bytes of the same time idle (heartbeats, the lease's rounds) are measured
 * first and taken off.
 *
 * <p>Usage: {@code FanOut <strata|hazelcast> <other JVMs> <puts> <dir> [members|clients]}; prints
 * one RESULT line. The other JVMs run {@code FanOut reader <subject> <index> <dir> <topology>}, the
 * cluster's members {@code FanOut member <index> <dir>}.
 */
public final class FanOut {

  private static final String CLUSTER = "strata-fanout";
  private static final String CACHE = "fanout";
  private static final int FIRST_PORT = 5871;
  private static final int KEYS = 1_000;
  private static final int MEMBERS = 9;
  /** The plain members of the {@code clients} topology, on ports of their own. */
  private static final int PLAIN_MEMBERS = 2;
  private static final int PLAIN_FIRST_PORT = FIRST_PORT + 100;

  private FanOut() {
  }

  /** A JVM's view of the cache: reads and writes of 1 KB values. */
  private record Node(Function<String, Object> get, BiConsumer<String, Object> put, AutoCloseable closer) {
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("reader")) {
      read(args[1], Integer.parseInt(args[2]), Path.of(args[3]), args[4]);
      return;
    }
    if (args[0].equals("member")) {
      serve(Integer.parseInt(args[1]), Path.of(args[2]));
      return;
    }
    String subject = args[0];
    int others = Integer.parseInt(args[1]);
    int puts = Integer.parseInt(args[2]);
    Path dir = Path.of(args[3]);
    String topology = args.length > 4 ? args[4] : "members";
    Files.createDirectories(dir);
    List<Process> readers = new ArrayList<>();
    if (topology.equals("clients")) {
      for (int i = 0; i < PLAIN_MEMBERS; i++) {
        readers.add(child(FanOut.class.getName(), "member", Integer.toString(i), dir.toString()));
      }
      for (int i = 0; i < PLAIN_MEMBERS; i++) {
        await(dir.resolve("member-ready-" + i), "member " + i + " did not join within 120 s");
      }
    }
    Node writer = open(subject, 0, topology);
    try {
      for (int k = 0; k < KEYS; k++) {
        writer.put().accept("k" + k, Values.ValueKind.BYTES_1K.create(k));
      }
      for (int i = 1; i <= others; i++) {
        readers.add(child(FanOut.class.getName(), "reader", subject, Integer.toString(i), dir.toString(), topology));
      }
      for (int i = 1; i <= others; i++) {
        await(dir.resolve("ready-" + i), "reader " + i + " did not read the keys within 120 s");
      }
      // let migrations after the joins settle before anything is counted
      Thread.sleep(5_000);
      long idleStart = loopbackBytes();
      long idleNanos = TimeUnit.SECONDS.toNanos(5);
      Thread.sleep(TimeUnit.NANOSECONDS.toMillis(idleNanos));
      long idle = loopbackBytes() - idleStart;

      long start = loopbackBytes();
      long began = System.nanoTime();
      for (int i = 0; i < puts; i++) {
        writer.put().accept("k" + (i % KEYS), Values.ValueKind.BYTES_1K.create(KEYS + i));
      }
      long elapsed = System.nanoTime() - began;
      // the invalidations of the last puts are on their way
      Thread.sleep(1_000);
      long spent = loopbackBytes() - start;
      double idleShare = idle * ((elapsed + TimeUnit.SECONDS.toNanos(1)) / (double) idleNanos);
      System.out.printf(Locale.ROOT, "RESULT subject=%s topology=%s others=%d puts=%d bytesPerPut=%.0f putMicros=%.1f "
          + "idleBytesPerSecond=%.0f%n", subject, topology, others, puts, (spent - idleShare) / puts, elapsed / 1e3 / puts, idle / 5.0);
    } finally {
      Files.writeString(dir.resolve("stop"), "stop\n");
      for (Process reader : readers) {
        if (!reader.waitFor(30, TimeUnit.SECONDS)) {
          reader.destroyForcibly();
        }
      }
      writer.closer().close();
    }
  }

  /** Another JVM: joins, reads every key into its L1 (twice: the first read of each goes to L2), then waits. */
  private static void read(String subject, int index, Path dir, String topology) throws Exception {
    Node node = open(subject, index, topology);
    try {
      for (int round = 0; round < 2; round++) {
        for (int k = 0; k < KEYS; k++) {
          node.get().apply("k" + k);
        }
      }
      Files.writeString(dir.resolve("ready-" + index), "ready\n");
      untilStopped(dir);
    } finally {
      node.closer().close();
      Runtime.getRuntime().halt(0);
    }
  }

  /** A plain member of the {@code clients} topology: Hazelcast alone, invalidations sent as they happen. */
  private static void serve(int index, Path dir) throws Exception {
    Config config = memberConfig(CLUSTER + "-plain", PLAIN_FIRST_PORT + index, addresses(PLAIN_FIRST_PORT, PLAIN_MEMBERS));
    config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (member.getCluster().getMembers().size() < PLAIN_MEMBERS && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      Files.writeString(dir.resolve("member-ready-" + index), "ready\n");
      untilStopped(dir);
    } finally {
      Runtime.getRuntime().halt(0);
    }
  }

  private static void untilStopped(Path dir) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(dir.resolve("stop")) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static void await(Path file, String failure) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(failure);
      }
      Thread.sleep(100);
    }
  }

  private static Process child(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "--add-modules=java.se",
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx256m",
        "-XX:+UseSerialGC", "-Dhazelcast.logging.type=none", "-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static String addresses(int firstPort, int count) {
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < count; i++) {
      members.append(i == 0 ? "" : ",").append("127.0.0.1:").append(firstPort + i);
    }
    return members.toString();
  }

  private static Config memberConfig(String cluster, int port, String members) {
    Config config = new Config().setClusterName(cluster);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).setMembers(List.of(members.split(",")));
    config.getJetConfig().setEnabled(false);
    return config;
  }

  private static NearCacheConfig nearCache() {
    return new NearCacheConfig(CACHE).setInMemoryFormat(InMemoryFormat.BINARY).setInvalidateOnChange(true);
  }

  private static Node open(String subject, int index, String topology) {
    boolean clients = topology.equals("clients");
    String members = clients ? addresses(PLAIN_FIRST_PORT, PLAIN_MEMBERS) : addresses(FIRST_PORT, MEMBERS);
    switch (subject) {
      case "strata": {
        Properties properties = new Properties();
        properties.setProperty("strata.hazelcast.cluster-name", clients ? CLUSTER + "-plain" : CLUSTER);
        properties.setProperty("strata.hazelcast.members", members);
        if (clients) {
          properties.setProperty("strata.hazelcast.mode", "client");
        } else {
          properties.setProperty("strata.hazelcast.port", Integer.toString(FIRST_PORT + index));
        }
        StrataCachingProvider provider = new StrataCachingProvider();
        CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), FanOut.class.getClassLoader(), properties);
        MutableConfiguration<String, Object> configuration = new MutableConfiguration<String, Object>()
            .setTypes(String.class, Object.class);
        Cache<String, Object> existing = manager.getCache(CACHE, String.class, Object.class);
        Cache<String, Object> cache = existing != null ? existing : manager.createCache(CACHE, configuration);
        return new Node(cache::get, cache::put, () -> {
          manager.close();
          provider.close();
        });
      }
      case "hazelcast": {
        if (clients) {
          ClientConfig config = new ClientConfig().setClusterName(CLUSTER + "-plain");
          config.setProperty("hazelcast.phone.home.enabled", "false");
          config.getNetworkConfig().setAddresses(List.of(members.split(",")));
          config.addNearCacheConfig(nearCache());
          HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
          IMap<String, Object> map = client.getMap(CACHE);
          return new Node(map::get, map::set, client::shutdown);
        }
        Config config = memberConfig(CLUSTER + "-hz", FIRST_PORT + index, members);
        // Hazelcast's default (batched, held up to 10 s) unless the run asks for Strata's setting
        config.setProperty("hazelcast.map.invalidation.batch.enabled", System.getProperty("fanout.hazelcast.batch", "true"));
        config.getMapConfig(CACHE).setNearCacheConfig(nearCache().setCacheLocalEntries(true));
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        IMap<String, Object> map = member.getMap(CACHE);
        return new Node(map::get, map::set, member::shutdown);
      }
      default:
        throw new IllegalArgumentException("Unknown subject '" + subject + "'");
    }
  }

  /** @return bytes sent on the loopback so far, from /proc/net/dev (this network namespace's) */
  private static long loopbackBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/net/dev"))) {
      String trimmed = line.trim();
      if (trimmed.startsWith("lo:")) {
        String[] fields = trimmed.substring(3).trim().split("\\s+");
        // receive: bytes packets errs drop fifo frame compressed multicast; transmit: bytes ...
        return Long.parseLong(fields[8]);
      }
    }
    throw new IllegalStateException("no lo in /proc/net/dev");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
