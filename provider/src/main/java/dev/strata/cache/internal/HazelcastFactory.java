package dev.strata.cache.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientClasspathXmlConfig;
import com.hazelcast.client.config.ClientClasspathYamlConfig;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig.ReconnectMode;
import com.hazelcast.client.config.XmlClientConfigBuilder;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.ClasspathYamlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.FileSystemYamlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import dev.strata.cache.config.ProviderSettings;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the Hazelcast instance a cache manager uses, following {@link ProviderSettings}: a
 * private loopback member by default, a TCP/IP cluster of members, a client, or an instance the
 * application started. Stateless apart from a counter for unique instance names.
 */
public final class HazelcastFactory {

  /** Prefix of every Hazelcast map that backs a Strata cache. */
  public static final String MAP_PREFIX = "strata/";
  /** The maps that index each cache's tags: {@code strata-tags/<uri>/<cache>}. */
  public static final String TAGS_PREFIX = "strata-tags/";
  /** The maps that index the keys of the caches that invalidate by prefix: {@code strata-keys/<uri>/<cache>}. */
  public static final String KEYS_PREFIX = "strata-keys/";
  /** The map of each cache manager's leases on keys being computed: {@code strata-flights/<uri>}. */
  public static final String FLIGHTS_PREFIX = "strata-flights/";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private HazelcastFactory() {
  }

  /**
   * Starts or finds the instance.
   *
   * @return the instance and whether Strata owns (and so shuts down) it
   */
  public static Started start(ProviderSettings settings, ClassLoader classLoader) {
    AsyncCompletions.pooled();
    switch (settings.mode()) {
      case INSTANCE:
        HazelcastInstance existing = Hazelcast.getHazelcastInstanceByName(settings.instanceName());
        if (existing == null) {
          existing = HazelcastClient.getHazelcastClientByName(settings.instanceName());
        }
        if (existing == null) {
          throw new IllegalStateException("Strata property '" + ProviderSettings.INSTANCE_NAME + "' names '"
              + settings.instanceName() + "', but no running Hazelcast member or client has that name: "
              + "start it before the cache manager, or use mode embedded or client");
        }
        return new Started(existing, false);
      case CLIENT:
        return new Started(startClient(settings, classLoader), true);
      case EMBEDDED:
      default:
        return new Started(Hazelcast.newHazelcastInstance(memberConfig(settings, classLoader)), true);
    }
  }

  /** An instance and whether Strata started it. */
  public record Started(HazelcastInstance instance, boolean owned) {
  }

  /** Hazelcast's switch for batching the invalidations its members send (on by default). */
  static final String INVALIDATION_BATCHING = "hazelcast.map.invalidation.batch.enabled";

  static Config memberConfig(ProviderSettings settings, ClassLoader classLoader) {
    Config config = userMemberConfig(settings.configFile(), classLoader);
    if (config == null) {
      config = new Config();
      config.setClusterName(settings.clusterName());
      config.setProperty("hazelcast.phone.home.enabled", "false");
      config.setProperty("hazelcast.socket.bind.any", "false");
      // a member that joins nobody has nothing to wait for
      config.setProperty("hazelcast.wait.seconds.before.join", settings.members().isEmpty() ? "0" : "1");
      NetworkConfig network = config.getNetworkConfig();
      network.setPort(settings.port()).setPortAutoIncrement(true).setPortCount(100);
      network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
      JoinConfig join = network.getJoin();
      join.getMulticastConfig().setEnabled(false);
      join.getAutoDetectionConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(!settings.members().isEmpty()).setMembers(settings.members());
      config.getJetConfig().setEnabled(false);
    }
    // invalidations leave as each change commits, so the lease of every JVM's L1 can renew at once;
    // batched, Hazelcast holds them up to seconds (an operator's own setting wins)
    if (config.getProperty(INVALIDATION_BATCHING) == null) {
      config.setProperty(INVALIDATION_BATCHING, "false");
    }
    // no static configuration of strata/* maps: Hazelcast would let it win over the exact, dynamic one
    // each cache adds for its map when it is created, with its L2 bound (L2Bound)
    config.setClassLoader(classLoader);
    config.setInstanceName("strata-" + SEQUENCE.incrementAndGet());
    return config;
  }

  /** @return the user's member config: the named file, or Hazelcast's standard files; null if none */
  private static Config userMemberConfig(String file, ClassLoader classLoader) {
    try {
      if (!file.isEmpty()) {
        if (file.startsWith("classpath:")) {
          String resource = file.substring("classpath:".length());
          requireResource(resource, classLoader, ProviderSettings.CONFIG);
          return isYaml(file) ? new ClasspathYamlConfig(classLoader, resource) : new ClasspathXmlConfig(classLoader, resource);
        }
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
          throw new IllegalArgumentException("Strata property '" + ProviderSettings.CONFIG + "' names '" + file
              + "', which is not a readable file; allowed: a path or classpath:resource of a Hazelcast XML or YAML file");
        }
        return isYaml(file) ? new FileSystemYamlConfig(path.toFile()) : new FileSystemXmlConfig(path.toFile());
      }
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException("Hazelcast config file '" + file + "' not found", e);
    }
    if (System.getProperty("hazelcast.config") != null || hasResource(classLoader, "hazelcast.xml", "hazelcast.yaml", "hazelcast.yml")) {
      return Config.load();
    }
    return null;
  }

  /**
   * Starts a client. With Strata's own client config, only the first connect is bounded by
   * {@code connect-timeout}: once connected, the client reconnects for as long as its cluster is
   * away, and operations fail at once (rather than blocking) until it is back. A user's client
   * file is taken as it is.
   */
  private static HazelcastInstance startClient(ProviderSettings settings, ClassLoader classLoader) {
    ClientConfig config = userClientConfig(settings.configFile(), classLoader);
    CountDownLatch connected = null;
    if (config == null) {
      config = new ClientConfig();
      config.setClusterName(settings.clusterName());
      config.setProperty("hazelcast.phone.home.enabled", "false");
      config.getNetworkConfig().setAddresses(settings.members().isEmpty()
          ? java.util.List.of("127.0.0.1:" + settings.port()) : settings.members());
      config.getConnectionStrategyConfig().setAsyncStart(true).setReconnectMode(ReconnectMode.ASYNC)
          .getConnectionRetryConfig().setClusterConnectTimeoutMillis(-1);
      CountDownLatch latch = new CountDownLatch(1);
      config.addListenerConfig(new ListenerConfig((LifecycleListener) event -> {
        if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_CONNECTED) {
          latch.countDown();
        }
      }));
      connected = latch;
    }
    config.setClassLoader(classLoader);
    config.setInstanceName("strata-client-" + SEQUENCE.incrementAndGet());
    HazelcastInstance client;
    try {
      client = HazelcastClient.newHazelcastClient(config);
    } catch (IllegalStateException e) {
      throw unreachable(config, settings, e);
    }
    if (connected != null && !awaitFirstConnect(connected, settings)) {
      client.shutdown();
      throw unreachable(config, settings, null);
    }
    return client;
  }

  private static IllegalStateException unreachable(ClientConfig config, ProviderSettings settings, Exception cause) {
    return new IllegalStateException("Strata could not connect to the Hazelcast cluster '" + config.getClusterName()
        + "' at " + config.getNetworkConfig().getAddresses() + " within " + settings.connectTimeout()
        + ": start the cluster, or fix '" + ProviderSettings.MEMBERS + "' / '" + ProviderSettings.CLUSTER_NAME + "'", cause);
  }

  private static boolean awaitFirstConnect(CountDownLatch connected, ProviderSettings settings) {
    try {
      return connected.await(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static ClientConfig userClientConfig(String file, ClassLoader classLoader) {
    try {
      if (!file.isEmpty()) {
        if (file.startsWith("classpath:")) {
          String resource = file.substring("classpath:".length());
          requireResource(resource, classLoader, ProviderSettings.CONFIG);
          return isYaml(file) ? new ClientClasspathYamlConfig(classLoader, resource, System.getProperties()) : new ClientClasspathXmlConfig(classLoader, resource, System.getProperties());
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
          return isYaml(file) ? new YamlClientConfigBuilder(in).build() : new XmlClientConfigBuilder(in).build();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Strata property '" + ProviderSettings.CONFIG + "' names '" + file
          + "', which cannot be read (" + e + "); allowed: a path or classpath:resource of a Hazelcast client XML or YAML file", e);
    }
    if (System.getProperty("hazelcast.client.config") != null
        || hasResource(classLoader, "hazelcast-client.xml", "hazelcast-client.yaml", "hazelcast-client.yml")) {
      return ClientConfig.load();
    }
    return null;
  }

  private static void requireResource(String resource, ClassLoader classLoader, String key) {
    if (classLoader.getResource(resource) == null) {
      throw new IllegalArgumentException("Strata property '" + key + "' names 'classpath:" + resource
          + "', which the class loader cannot find; allowed: a path or classpath:resource of a Hazelcast XML or YAML file");
    }
  }

  private static boolean hasResource(ClassLoader classLoader, String... names) {
    for (String name : names) {
      if (classLoader.getResource(name) != null) {
        return true;
      }
    }
    return false;
  }

  private static boolean isYaml(String file) {
    return file.endsWith(".yaml") || file.endsWith(".yml");
  }
}
