package dev.strata.benchmarks.sessions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Liberty's HTTP sessions on two servers, kept by Strata or by Hazelcast's own JCache provider, in
 * the same two-server setup (an embedded member in each server, one cluster), timed from a client
 * on the same machine:
 * <ul>
 *   <li>{@code read}: a request that reads the session on the server that has it (sticky routing);</li>
 *   <li>{@code write}: a request that changes two attributes (a number and 1 KB) on that server;</li>
 *   <li>{@code failover}: a new session written on A, then requests to B until B serves it, as
 *       after a failover: B has never seen the session and reads it from the store.</li>
 * </ul>
 * Liberty writes a session after the response has gone, so {@code write} times what the client
 * waits for, and the store's write and read show in {@code failover}. A server keeps the sessions
 * it served in memory, and one that served a session may go on answering from that copy after
 * another server changed it (with either provider: Liberty's session persistence is made for
 * session affinity), so nothing here reads a changed session on a server that knew it before.
 * Needs an installed Liberty runtime ({@code -Dliberty.wlp}); {@code benchmarks/run.sh sessions}
 * sets it up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SessionBenchmark {

  /** Bounds the wait for B in {@code failover}: a session that never arrives fails the run. */
  private static final int MAX_POLLS = 10_000;

  @Param({"strata", "hazelcast"})
  public String provider;

  private SessionServers servers;
  private HttpClient client;
  private String cookie;
  private URI[] read;
  private String[] writeBase;
  private long version;

  @Setup(Level.Trial)
  public void startServers() throws Exception {
    Path wlp = Path.of(System.getProperty("liberty.wlp", "sample-war/target/liberty/wlp"));
    servers = SessionServers.start(provider, wlp, 9281, 5881);
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    read = new URI[2];
    writeBase = new String[2];
    for (int i = 0; i < 2; i++) {
      String base = "http://127.0.0.1:" + servers.httpPorts[i] + "/session?op=";
      read[i] = URI.create(base + "read");
      writeBase[i] = base + "write&v=";
    }
    HttpResponse<String> first = awaitApplication(0);
    awaitApplication(1);
    cookie = first.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
    version = 1;
    expect(send(URI.create(writeBase[0] + version), cookie), version);
  }

  /** @return the first answer of server {@code server}'s application; Liberty answers 404 (or nothing) until it has started */
  private HttpResponse<String> awaitApplication(int server) throws InterruptedException {
    String last = "no answer";
    for (int attempt = 0; attempt < 1200; attempt++) {
      try {
        HttpResponse<String> response = send(read[server], null);
        if (response.statusCode() == 200) {
          return response;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Server " + (char) ('A' + server) + " never served /session (" + last + "):\n"
        + servers.log(server));
  }

  private HttpResponse<String> send(URI uri, String withCookie) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (withCookie != null) {
      request.header("Cookie", withCookie);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(HttpResponse<String> response, long version) {
    if (response.statusCode() != 200 || !response.body().equals(Long.toString(version))) {
      throw new IllegalStateException("Expected version " + version + " from " + response.uri() + ", got "
          + response.statusCode() + " " + response.body());
    }
  }

  private int pollUntil(int server, String session, long expected) throws IOException, InterruptedException {
    String wanted = Long.toString(expected);
    for (int polls = 1; polls <= MAX_POLLS; polls++) {
      HttpResponse<String> response = send(read[server], session);
      if (response.statusCode() == 200 && response.body().equals(wanted)) {
        return polls;
      }
    }
    throw new IllegalStateException("Server " + (char) ('A' + server) + " did not serve version " + expected
        + " of the session within " + MAX_POLLS + " requests");
  }

  @Benchmark
  public String read() throws IOException, InterruptedException {
    return send(read[0], cookie).body();
  }

  @Benchmark
  public String write() throws IOException, InterruptedException {
    return send(URI.create(writeBase[0] + ++version), cookie).body();
  }

  @Benchmark
  public int failover() throws IOException, InterruptedException {
    long written = ++version;
    HttpResponse<String> created = send(URI.create(writeBase[0] + written), null);
    expect(created, written);
    String session = created.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
    return pollUntil(1, session, written);
  }

  @TearDown(Level.Trial)
  public void stopServers() {
    if (servers != null) {
      servers.close();
    }
  }
}
