package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The single-flight lease of a JVM killed mid-computation ({@code kill -9}) ends by itself: a JVM
 * waiting for the same key computes it within the lease time after the kill, and never waits for
 * good. The holder is a real process, a Strata client of the test's cluster, killed with SIGKILL.
 */
class LeaseTakeoverTest {

  private static final Duration LEASE = Duration.ofSeconds(2);

  @Test
  void holderKilledMidComputation_anotherJvmTakesOverWithinTheLeaseTime() throws Exception {
    try (Cluster cluster = Cluster.onPorts(6020, 6024)) {
      cluster.plainMember();
      Map<String, String> settings = Map.of("strata.cache.flights.single-flight.lease", LEASE.toString(),
          "strata.cache.flights.single-flight.timeout", "PT60S");
      Properties childProperties = cluster.clientProperties();
      childProperties.putAll(settings);
      StringWriter text = new StringWriter();
      childProperties.store(text, null);
      Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Dhazelcast.phone.home.enabled=false", "-Djava.net.preferIPv4Stack=true", "-cp",
          System.getProperty("java.class.path"), LeaseHolder.class.getName(), text.toString())
          .redirectErrorStream(true).start();
      try {
        // the whole output is read, so that the holder never blocks on a full pipe while it renews
        CompletableFuture<Boolean> leading = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
          BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
          output.lines().forEach(line -> {
            if (line.equals("LEADING")) {
              leading.complete(true);
            }
          });
          leading.complete(false);
        }, "lease-holder-output");
        drain.setDaemon(true);
        drain.start();
        assertThat(leading.get(90, TimeUnit.SECONDS)).as("the other JVM took the lease").isTrue();

        StrataCache<String, String> cache = cluster.client(settings).cache("flights", String.class, String.class);
        AtomicLong computedAt = new AtomicLong();
        java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
          try {
            return cache.freshness().computeOnce("hot", () -> {
              computedAt.set(System.nanoTime());
              return "mine";
            }, () -> cache.get("hot"));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, caller);
        caller.shutdown();
        TimeUnit.MILLISECONDS.sleep(LEASE.toMillis());
        assertThat(waiting).as("waits while the holder lives and renews").isNotDone();

        long killedAt = System.nanoTime();
        holder.destroyForcibly();
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo("mine");
        Duration takeover = Duration.ofNanos(computedAt.get() - killedAt);
        // the lease ends at most one lease time after the holder's last renewal, before the kill
        assertThat(takeover).isLessThanOrEqualTo(LEASE.plusMillis(500));
        assertThat(cache.statistics().loading().singleFlightWaits()).isEqualTo(1);
        assertThat(cache.statistics().loading().singleFlightTakeovers()).isEqualTo(1);
      } finally {
        holder.destroyForcibly();
        holder.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
