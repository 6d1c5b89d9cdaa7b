package dev.strata.cache.tier;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;

/** A plain Hazelcast member on loopback, alone in a cluster of its own, and clients of it: the invalidation streams' fixture. */
final class PlainMember {

  private PlainMember() {
  }

  /** A member that sends invalidations as they happen, on the first free port from {@code port}. */
  static HazelcastInstance start(String clusterPrefix, int port) {
    Config config = new Config().setClusterName(clusterPrefix + "-" + UUID.randomUUID());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(true).setPortCount(3);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getJetConfig().setEnabled(false);
    return Hazelcast.newHazelcastInstance(config);
  }

  /** A client of {@code member}. */
  static HazelcastInstance clientOf(HazelcastInstance member) {
    ClientConfig config = new ClientConfig().setClusterName(member.getConfig().getClusterName());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.getNetworkConfig().addAddress("127.0.0.1:" + member.getCluster().getLocalMember().getAddress().getPort());
    return HazelcastClient.newHazelcastClient(config);
  }
}
