package dev.strata.tck;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.runner.Description;
import org.junit.runner.Result;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunListener;

/**
 * Counts what the TCK really ran. The TCK reports a test it excludes (exclude list, unsupported
 * optional feature) as passed, logging "===== EXCLUDING TEST"; this listener hears those log
 * records ({@link ExclusionLog}) and subtracts them. It writes {@code tck-<run>.txt} after every test class, so the
 * file holds the totals of the whole run once surefire finishes.
 *
 * <p>With {@code strata.tck.peer.port} set it also starts a plain Hazelcast member in a JVM of its
 * own ({@link PeerMember}), which Strata's member joins, so about half of the keys are owned there;
 * at every test start it notes how many members Strata's member sees, and the report says the fewest.
 */
public final class TckReport extends RunListener {

  private static final AtomicInteger STARTED = new AtomicInteger();
  private static final AtomicInteger FAILED = new AtomicInteger();
  private static final AtomicInteger IGNORED = new AtomicInteger();
  private static final List<String> FAILURES = new ArrayList<>();
  private static final ExclusionLog EXCLUSIONS = ExclusionLog.attach();
  /** Test starts at which Strata's member was running, and the fewest members it saw then. */
  private static final AtomicInteger SAMPLES = new AtomicInteger();
  private static final AtomicInteger FEWEST_MEMBERS = new AtomicInteger(Integer.MAX_VALUE);
  private static volatile Process peer;
  private static volatile String peerAddress;

  static {
    String peerPort = System.getProperty("strata.tck.peer.port");
    if (peerPort != null && !peerPort.isEmpty()) {
      peer = startPeer(System.getProperty("strata.hazelcast.cluster-name"), peerPort);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          peer.getOutputStream().close();
          peer.waitFor(20, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException ignored) {
          // destroyed below
        }
        peer.destroyForcibly();
      }));
    }
  }

  /** Starts {@link PeerMember} in a JVM whose class path is Hazelcast plus this module's test classes only. */
  private static Process startPeer(String clusterName, String port) {
    String classPath = System.getProperty("strata.tck.peer.classpath");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      Process process = new ProcessBuilder(java, "--add-modules=java.se",
          "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "-Dhazelcast.logging.type=none", "-Xmx256m", "-cp", classPath, PeerMember.class.getName(), clusterName, port)
          .redirectErrorStream(true)
          .start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      String line;
      while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
        if (line.startsWith("READY")) {
          peerAddress = line.substring("READY".length()).trim();
          Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }), "tck-peer-output");
          drain.setDaemon(true);
          drain.start();
          return process;
        }
      }
      process.destroyForcibly();
      throw new IllegalStateException("The TCK peer member did not start within 90 s; last line: " + line);
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the TCK peer member", e);
    }
  }

  @Override
  public void testStarted(Description description) {
    STARTED.incrementAndGet();
    if (peer != null) {
      sampleMembers();
    }
  }

  /** Notes how many members the running Hazelcast members of this JVM (Strata's) see now. */
  private static void sampleMembers() {
    for (HazelcastInstance instance : Hazelcast.getAllHazelcastInstances()) {
      try {
        if (instance.getLifecycleService().isRunning()) {
          int members = instance.getCluster().getMembers().size();
          SAMPLES.incrementAndGet();
          FEWEST_MEMBERS.accumulateAndGet(members, Math::min);
        }
      } catch (RuntimeException stopping) {
        // an instance shutting down between the check and the call: nothing to sample
      }
    }
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

  /** @return what the member samples showed, e.g. "at least 2 members at all 480 test starts it was running" */
  private static String members() {
    int samples = SAMPLES.get();
    return samples == 0 ? "no cluster: it never ran at a test start"
        : "at least " + FEWEST_MEMBERS.get() + " members at all " + samples + " test starts it was running";
  }

  @Override
  public void testRunFinished(Result result) throws IOException {
    String run = System.getProperty("strata.tck.run", "tck");
    int started = STARTED.get();
    List<String> excluded = EXCLUSIONS.excluded();
    List<String> failures;
    synchronized (FAILURES) {
      failures = new ArrayList<>(FAILURES);
    }
    String peerInfo = peer == null ? "" : ", with a plain Hazelcast peer member in its own JVM at " + peerAddress
        + (peer.isAlive() ? "" : " (which DIED)") + "; Strata's member saw " + members();
    String report = "TCK run '" + run + "': " + started + " tests, " + (started - excluded.size()) + " really ran, "
        + excluded.size() + " excluded " + excluded + ", " + FAILED.get() + " failed " + failures
        + ", " + IGNORED.get() + " ignored" + peerInfo + System.lineSeparator();
    Path dir = Path.of(System.getProperty("strata.tck.report.dir", "target"));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("tck-" + run + ".txt"), report, StandardCharsets.UTF_8);
  }
}
