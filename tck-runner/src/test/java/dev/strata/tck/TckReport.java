package dev.strata.tck;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.runner.Description;
import org.junit.runner.Result;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunListener;

/**
 * Counts what the TCK really ran. The TCK reports a test it excludes (exclude list, unsupported
 * optional feature) as passed, logging "===== EXCLUDING TEST"; this listener hears those log
 * records and subtracts them. It writes {@code tck-<run>.txt} after every test class, so the
 * file holds the totals of the whole run once surefire finishes.
 *
 * <p>With {@code strata.tck.peer.port} set it also starts a plain Hazelcast member (no Strata
 * code involved) that Strata's member joins, so about half of the keys are owned elsewhere.
 */
public final class TckReport extends RunListener {

  private static final String EXCLUDING = "===== EXCLUDING TEST";
  private static final AtomicInteger STARTED = new AtomicInteger();
  private static final AtomicInteger FAILED = new AtomicInteger();
  private static final AtomicInteger IGNORED = new AtomicInteger();
  private static final List<String> EXCLUDED = new ArrayList<>();
  private static final List<String> FAILURES = new ArrayList<>();
  private static volatile HazelcastInstance peer;

  static {
    Logger tckLogger = Logger.getLogger("org.jsr107.tck.testutil");
    tckLogger.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        String message = record.getMessage();
        if (message != null && message.startsWith(EXCLUDING)) {
          synchronized (EXCLUDED) {
            EXCLUDED.add(message.substring(EXCLUDING.length()).trim().replace("'", "").replace('\t', '#').replaceAll("\\.$", ""));
          }
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    });
    String peerPort = System.getProperty("strata.tck.peer.port");
    if (peerPort != null && !peerPort.isEmpty()) {
      peer = startPeer(Integer.parseInt(peerPort));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> peer.shutdown()));
    }
  }

  private static HazelcastInstance startPeer(int port) {
    Config config = new Config();
    config.setClusterName(System.getProperty("strata.hazelcast.cluster-name"));
    config.setInstanceName("tck-peer");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
    config.getJetConfig().setEnabled(false);
    return Hazelcast.newHazelcastInstance(config);
  }

  @Override
  public void testStarted(Description description) {
    STARTED.incrementAndGet();
  }

  @Override
  public void testFailure(Failure failure) {
    FAILED.incrementAndGet();
    synchronized (FAILURES) {
      FAILURES.add(failure.getDescription().getClassName() + "#" + failure.getDescription().getMethodName());
    }
  }

  @Override
  public void testAssumptionFailure(Failure failure) {
    IGNORED.incrementAndGet();
  }

  @Override
  public void testIgnored(Description description) {
    IGNORED.incrementAndGet();
  }

  @Override
  public void testRunFinished(Result result) throws IOException {
    String run = System.getProperty("strata.tck.run", "tck");
    int started = STARTED.get();
    List<String> excluded;
    synchronized (EXCLUDED) {
      excluded = new ArrayList<>(EXCLUDED);
    }
    List<String> failures;
    synchronized (FAILURES) {
      failures = new ArrayList<>(FAILURES);
    }
    String peerInfo = peer == null ? "" : " members=" + peer.getCluster().getMembers().size() + "(incl. peer)";
    String report = "TCK run '" + run + "': " + started + " tests, " + (started - excluded.size()) + " really ran, "
        + excluded.size() + " excluded " + excluded + ", " + FAILED.get() + " failed " + failures
        + ", " + IGNORED.get() + " ignored" + peerInfo + System.lineSeparator();
    Path dir = Path.of(System.getProperty("strata.tck.report.dir", "target"));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("tck-" + run + ".txt"), report, StandardCharsets.UTF_8);
  }
}
