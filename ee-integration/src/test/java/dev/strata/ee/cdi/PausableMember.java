package dev.strata.ee.cdi;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture, run in a JVM of its own by {@link SlowL2Test}: a plain Hazelcast member on
 * 127.0.0.1 that joins the test's cluster, says {@code STARTED}, and lives for at most two minutes
 * (the test pauses it with SIGSTOP and kills it). Arguments: cluster name, port, member list.
 */
public final class PausableMember {

  private PausableMember() {
  }

  public static void main(String[] args) throws InterruptedException {
    Config config = new Config();
    config.setClusterName(args[0]);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
    config.getNetworkConfig().setPort(Integer.parseInt(args[1])).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(List.of(args[2].split(",")));
    config.getJetConfig().setEnabled(false);
    Hazelcast.newHazelcastInstance(config);
    System.out.println("STARTED");
    System.out.flush();
    TimeUnit.MINUTES.sleep(2);
    System.exit(0);
  }
}
