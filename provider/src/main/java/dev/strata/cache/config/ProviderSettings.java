package dev.strata.cache.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a cache manager reaches Hazelcast (L2). The default is a private embedded member on
 * 127.0.0.1 that joins nobody; a member list, a Hazelcast config file, client mode or an existing
 * instance are chosen by configuration only. Immutable.
 *
 * @param mode         embedded member, client, or an existing instance looked up by name
 * @param clusterName  the Hazelcast cluster name
 * @param members      TCP/IP members to join (embedded) or connect to (client); empty joins nobody
 * @param port         first port an embedded member tries on 127.0.0.1
 * @param configFile   a Hazelcast member or client configuration file, used as it is; may be empty
 * @param instanceName the existing instance to use in {@code instance} mode
 * @param connectTimeout how long a client tries to reach the cluster before giving up
 */
public record ProviderSettings(Mode mode, String clusterName, List<String> members, int port,
                               String configFile, String instanceName, java.time.Duration connectTimeout) {

  public static final String MODE = "strata.hazelcast.mode";
  public static final String CLUSTER_NAME = "strata.hazelcast.cluster-name";
  public static final String MEMBERS = "strata.hazelcast.members";
  public static final String PORT = "strata.hazelcast.port";
  public static final String CONFIG = "strata.hazelcast.config";
  public static final String INSTANCE_NAME = "strata.hazelcast.instance-name";
  public static final String CONNECT_TIMEOUT = "strata.hazelcast.connect-timeout";
  /** Read by the CDI module (strata-ee): {@code lazy} (on first use) or {@code eager} (when the application starts). */
  public static final String START = "strata.hazelcast.start";

  static final Set<String> KEYS = Set.of(MODE, CLUSTER_NAME, MEMBERS, PORT, CONFIG, INSTANCE_NAME, CONNECT_TIMEOUT, START);

  /** When the CDI module starts L2. */
  public enum Start {
    /** When the first cache needs it. */
    LAZY,
    /** In the background as soon as the application starts. */
    EAGER
  }

  /** Where L2 lives. */
  public enum Mode {
    /** Start a Hazelcast member inside this JVM. */
    EMBEDDED,
    /** Connect as a Hazelcast client to an existing cluster. */
    CLIENT,
    /** Use a {@code HazelcastInstance} the application started, found by name. */
    INSTANCE
  }

  /**
   * Reads and validates every {@code strata.hazelcast.*} key.
   *
   * @throws IllegalArgumentException naming the key, the value and what is allowed
   */
  public static ProviderSettings from(PropertySource source) {
    for (String key : source.keys()) {
      if (key.startsWith("strata.hazelcast.") && !KEYS.contains(key)) {
        throw PropertySource.invalid(key, source.raw(key), "no such key; the Hazelcast keys are " + KEYS);
      }
    }
    Mode mode = source.choice(MODE, Mode.class, Mode.EMBEDDED);
    String clusterName = source.string(CLUSTER_NAME, "strata");
    List<String> members = parseMembers(source);
    int port = source.positiveInt(PORT, 5701);
    if (port > 65535) {
      throw PropertySource.invalid(PORT, String.valueOf(port), "a port number from 1 to 65535");
    }
    String configFile = source.string(CONFIG, "");
    String instanceName = source.string(INSTANCE_NAME, "");
    if (mode == Mode.INSTANCE && instanceName.isEmpty()) {
      throw new IllegalArgumentException("Strata property '" + MODE + "' is 'instance', but '"
          + INSTANCE_NAME + "' is not set; allowed: the name of a running HazelcastInstance");
    }
    java.time.Duration connectTimeout = source.positiveDuration(CONNECT_TIMEOUT, java.time.Duration.ofSeconds(30));
    source.choice(START, Start.class, Start.LAZY);
    return new ProviderSettings(mode, clusterName, members, port, configFile, instanceName, connectTimeout);
  }

  private static List<String> parseMembers(PropertySource source) {
    String raw = source.string(MEMBERS, "");
    if (raw.isEmpty()) {
      return List.of();
    }
    List<String> members = new java.util.ArrayList<>();
    for (String part : raw.split(",")) {
      String member = part.trim();
      if (!member.matches("[A-Za-z0-9.\\-\\[\\]:]+(:\\d{1,5})?") ) {
        throw PropertySource.invalid(MEMBERS, raw, "a comma-separated list of host or host:port, e.g. 127.0.0.1:5701,127.0.0.1:5702");
      }
      members.add(member);
    }
    return List.copyOf(members);
  }

  /** @return a short description for logs */
  public String describe() {
    return "mode=" + mode.name().toLowerCase(Locale.ROOT) + " cluster=" + clusterName + " members=" + members
        + (configFile.isEmpty() ? "" : " config=" + configFile);
  }
}
