package dev.strata.tck;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;

/**
 * A plain Hazelcast member for the two-member TCK run, started by {@link TckReport} in a JVM of
 * its own whose class path holds only Hazelcast and this class: no Strata code, no TCK domain
 * classes. That the TCK passes with half of its keys owned here shows members never need
 * application classes. It prints READY once it runs and stops when its standard input closes,
 * so it cannot outlive the test JVM.
 *
 * <p>Arguments: cluster name, port.
 */
public final class PeerMember {

  private PeerMember() {
  }

  public static void main(String[] args) throws IOException {
    String clusterName = args[0];
    int port = Integer.parseInt(args[1]);
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setInstanceName("tck-peer");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
    config.getJetConfig().setEnabled(false);
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    System.out.println("READY " + member.getCluster().getLocalMember().getAddress());
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the parent to close our input (or die)
    }
    member.shutdown();
    System.exit(0);
  }
}
