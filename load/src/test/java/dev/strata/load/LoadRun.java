package dev.strata.load;

import io.gatling.javaapi.core.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.h2.tools.Server;

/**
 * One load run: the database both servers share (H2 over TCP on 127.0.0.1, in this JVM, which is
 * never killed), the two Liberty servers, the choice of request and server for each virtual user,
 * the fault, and the check and report at the end. Thread-safe where Gatling calls it.
 */
final class LoadRun {

  /** What a run does; from the {@code load.*} system properties the Maven build passes. */
  record Settings(Duration duration, int users, int products, String provider, boolean kill, boolean indexed,
                  int[] httpPorts, int[] hazelcastPorts, int databasePort, Path results) {

    static Settings fromSystemProperties() {
      return new Settings(Duration.parse(System.getProperty("load.duration", "PT60S")),
          Integer.getInteger("load.users", 200), Integer.getInteger("load.products", 100_000),
          System.getProperty("load.provider", "strata"), "kill".equals(System.getProperty("load.fault", "kill")),
          Boolean.parseBoolean(System.getProperty("load.database.index", "true")),
          ports(System.getProperty("load.http.ports", "9401,9402")),
          ports(System.getProperty("load.hazelcast.ports", "5871,5872")),
          Integer.getInteger("load.database.port", 9490), Path.of(System.getProperty("load.results", "target/load")));
    }

    private static int[] ports(String list) {
      return java.util.Arrays.stream(list.split(",")).mapToInt(p -> Integer.parseInt(p.trim())).toArray();
    }
  }

  /** The products' max-staleness in the sample (microprofile-config.properties). */
  static final double BOUND_MILLIS = 1_000;
  /** After the killed server is ready again, how long its clients may still see errors (reconnects). */
  static final double RECONNECT_MILLIS = 5_000;
  private static final double WRITE_SHARE = 0.10;
  private static final double ZIPF_EXPONENT = 1.0;

  private final Settings settings;
  private final History history = new History();
  private final AtomicLong writeNumbers = new AtomicLong();
  private final ThreadLocal<org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler> keys;
  private final ThreadLocal<SplittableRandom> random = ThreadLocal.withInitial(SplittableRandom::new);
  private final List<LoadServer> servers = new ArrayList<>();
  private volatile boolean[] ready = {true, true};
  private volatile long epoch;
  private volatile double killedAt = -1;
  private volatile double readyAgainAt = -1;
  private volatile boolean running;
  /** Keys whose database value came from a write cut off by the kill, and that the cache does not serve. */
  private final List<String> cutOff = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Server database;
  private Connection statistics;
  private Thread fault;
  private Thread balancer;

  LoadRun(Settings settings) {
    this.settings = settings;
    this.keys = ThreadLocal.withInitial(() -> RejectionInversionZipfSampler.of(
        RandomSource.XO_RO_SHI_RO_128_PP.create(), settings.products(), ZIPF_EXPONENT));
  }

  Settings settings() {
    return settings;
  }

  private String databaseUrl() {
    return "jdbc:h2:tcp://127.0.0.1:" + settings.databasePort() + "/mem:catalog;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
  }

  /** Starts the database, then server A (which creates and fills the catalog), then server B. */
  void start() {
    try {
      System.setProperty("h2.bindAddress", "127.0.0.1");
      database = Server.createTcpServer("-tcpPort", Integer.toString(settings.databasePort()), "-ifNotExists").start();
      statistics = DriverManager.getConnection(databaseUrl(), "sa", "");
      createCatalog();
      for (int i = 0; i < 2; i++) {
        servers.add(LoadServer.create("load-" + (char) ('a' + i), settings.httpPorts()[i], bootstrap(i)));
      }
      for (LoadServer server : servers) {
        server.start();
        server.awaitReady(Duration.ofMinutes(4));
      }
    } catch (SQLException | InterruptedException e) {
      throw new IllegalStateException("Could not start the load test's database and servers", e);
    }
    running = true;
    balancer = new Thread(this::followReadiness, "load-balancer");
    balancer.setDaemon(true);
    balancer.start();
    if (settings.kill()) {
      fault = new Thread(this::killAndRestart, "load-fault");
      fault.setDaemon(true);
      fault.start();
    }
    epoch = System.nanoTime();
  }

  /**
   * The sample's schema and rows, as its CatalogDatabase creates them (which then finds them and
   * leaves them), with one review per product. With {@code load.database.index=true} (the default)
   * the reviews are indexed: a database read costs a lookup, and the run measures the servers and
   * the cache more than H2; with {@code false} a read scans the 100,000 reviews, as the sample's
   * report-like query does. Then turns H2's query statistics on, which count the product reads of
   * both servers.
   */
  private void createCatalog() throws SQLException {
    try (Statement statement = statistics.createStatement()) {
      statement.execute("CREATE TABLE product (id BIGINT PRIMARY KEY, name VARCHAR(200) NOT NULL,"
          + " price DECIMAL(10,2) NOT NULL, stock INT NOT NULL)");
      statement.execute("CREATE TABLE review (product_id BIGINT NOT NULL, rating INT NOT NULL)");
      statement.execute("INSERT INTO product SELECT X, 'Product ' || X, 10 + MOD(X * 7, 90), 100 FROM SYSTEM_RANGE(1, "
          + settings.products() + ")");
      statement.execute("INSERT INTO review SELECT X, MOD(X * 13, 5) + 1 FROM SYSTEM_RANGE(1, " + settings.products() + ")");
      if (settings.indexed()) {
        statement.execute("CREATE INDEX review_product ON review(product_id)");
      }
      statement.execute("SET QUERY_STATISTICS TRUE");
    }
  }

  private List<String> bootstrap(int server) {
    List<String> lines = new ArrayList<>();
    lines.add("http.port=" + settings.httpPorts()[server]);
    lines.add("https.port=" + (settings.httpPorts()[server] + 400));
    lines.add("strata.hazelcast.cluster-name=strata-load");
    lines.add("strata.hazelcast.port=" + settings.hazelcastPorts()[server]);
    lines.add("strata.hazelcast.members=127.0.0.1:" + settings.hazelcastPorts()[0] + ",127.0.0.1:" + settings.hazelcastPorts()[1]);
    lines.add("strata.hazelcast.start=eager");
    lines.add("strata.cache.default.statistics=true");
    lines.add("catalog.db.url=" + databaseUrl());
    lines.add("catalog.products=" + settings.products());
    switch (settings.provider()) {
      case "strata" -> lines.add("catalog.cache-provider=strata");
      case "hazelcast" -> lines.add("catalog.cache-provider=hazelcast");
      case "none" -> lines.add("strata.cache.products.enabled=false");
      default -> throw new IllegalArgumentException("load.provider is '" + settings.provider()
          + "'; use strata, hazelcast or none");
    }
    return lines;
  }

  /**
   * As a load balancer would: every 200 ms, which servers answer UP on /health/ready. A server that
   * refuses connections or answers DOWN is out; one too busy to answer within the probe's timeout
   * keeps its state.
   */
  private void followReadiness() {
    while (running) {
      boolean[] now = ready.clone();
      for (int i = 0; i < now.length; i++) {
        Boolean up = servers.get(i).readiness();
        if (up != null) {
          now[i] = up;
        }
      }
      ready = now;
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Half-way: SIGKILL server A, start it again at once, and note when it is ready again. */
  private void killAndRestart() {
    try {
      Thread.sleep(settings.duration().toMillis() / 2);
      LoadServer a = servers.get(0);
      killedAt = now();
      a.kill();
      a.start();
      a.awaitReady(Duration.ofMinutes(4));
      readyAgainAt = now();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private double now() {
    return (System.nanoTime() - epoch) / 1e6;
  }

  /** Chooses the next request of a virtual user: read or write, which product, which server. */
  Session next(Session session) {
    SplittableRandom r = random.get();
    boolean write = r.nextDouble() < WRITE_SHARE;
    int key = keys.get().sample();
    boolean[] up = ready;
    int server = r.nextInt(servers.size());
    if (!up[server] && up[1 - server]) {
      server = 1 - server;
    }
    Session next = session.removeAll("status", "name")
        .set("op", write ? "write" : "read")
        .set("key", key)
        .set("serverIndex", server)
        .set("server", servers.get(server).url())
        .set("started", now());
    return write ? next.set("name", "w" + writeNumbers.incrementAndGet() + " of " + key) : next;
  }

  /** Records the request that just ended, as the client saw it. */
  Session done(Session session) {
    boolean write = "write".equals(session.getString("op"));
    boolean ok = session.contains("status");
    String value = session.contains("name") ? session.getString("name") : null;
    history.add(new History.Op(write, session.getInt("key"), session.getInt("serverIndex"),
        session.getDouble("started"), now(), ok && value != null, value));
    return session;
  }

  /** Waits for the fault to end, checks the run, writes the report, stops everything. */
  void finish() {
    double endedAt = now();
    try {
      if (fault != null) {
        fault.join(Duration.ofMinutes(5).toMillis());
      }
      Thread.sleep((long) BOUND_MILLIS + 1_000);
      report(endedAt, converged());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("Could not check or report the load run", e);
    } finally {
      running = false;
      for (LoadServer server : servers) {
        try {
          server.stop();
        } catch (RuntimeException ignored) {
          // reported by the server's own log
        }
      }
      if (database != null) {
        database.stop();
      }
    }
  }

  /** @return the written keys whose name on some server differs from the database's, once the run is over */
  private List<String> converged() throws SQLException, InterruptedException {
    TreeSet<Integer> written = new TreeSet<>();
    java.util.Map<String, History.Op> writtenBy = new java.util.HashMap<>();
    for (History.Op op : history.ops()) {
      if (op.write()) {
        written.add(op.key());
        writtenBy.put(op.value(), op);
      }
    }
    HttpClient client = HttpClient.newHttpClient();
    List<String> diverged = new ArrayList<>();
    Pattern name = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");
    try (PreparedStatement query = statistics.prepareStatement("SELECT name FROM product WHERE id = ?")) {
      for (int key : written) {
        query.setInt(1, key);
        String stored;
        try (ResultSet row = query.executeQuery()) {
          stored = row.next() ? row.getString(1) : null;
        }
        for (LoadServer server : servers) {
          String body;
          try {
            body = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/products/" + key)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
          } catch (IOException e) {
            diverged.add(key + " unreadable on " + server.name() + ": " + e);
            continue;
          }
          Matcher found = name.matcher(body);
          String served = found.find() ? found.group(1) : body;
          if (!served.equals(stored)) {
            String line = key + " on " + server.name() + ": served '" + served + "', database '" + stored + "'";
            History.Op storedBy = writtenBy.get(stored);
            History.Op servedBy = writtenBy.get(served);
            if (storedBy != null && !storedBy.ok() || servedBy != null && !servedBy.ok()) {
              // a write whose server died before it answered, between its two writes (the database's
              // commit and the cache's put): the dual write's window, which the entry's TTL bounds
              cutOff.add(line + " (" + (storedBy != null && !storedBy.ok() ? storedBy : servedBy) + ")");
            } else {
              diverged.add(line);
            }
          }
        }
      }
    }
    return diverged;
  }

  private long databaseProductReads() throws SQLException {
    long reads = 0;
    try (Statement statement = statistics.createStatement();
         ResultSet rows = statement.executeQuery(
             "SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
      while (rows.next()) {
        if (rows.getString(1).contains("LEFT JOIN review")) {
          reads += rows.getLong(2);
        }
      }
    }
    return reads;
  }

  private void report(double endedAt, List<String> diverged) throws IOException, SQLException {
    List<History.Op> ops = history.ops();
    int seconds = (int) Math.ceil(endedAt / 1000);
    List<Timeline.Second> timeline = Timeline.of(ops, seconds);
    List<History.Violation> stale = history.stale(BOUND_MILLIS);
    double windowEnd = readyAgainAt < 0 ? Double.MAX_VALUE : readyAgainAt + RECONNECT_MILLIS;
    long errors = ops.stream().filter(op -> !op.ok()).count();
    long errorsOutside = ops.stream().filter(op -> !op.ok())
        .filter(op -> killedAt < 0 || op.end() < killedAt || op.start() > windowEnd).count();
    long ok = ops.size() - errors;
    double[] latencies = Timeline.sortedLatencies(ops);
    List<Long> heaps = new ArrayList<>();
    for (LoadServer server : servers) {
      heaps.add(server.heapUsedAfterGcMb());
    }
    Path dir = settings.results().resolve(settings.provider());
    Files.createDirectories(dir);
    Properties summary = new Properties();
    summary.setProperty("provider", settings.provider());
    summary.setProperty("users", Integer.toString(settings.users()));
    summary.setProperty("products", Integer.toString(settings.products()));
    summary.setProperty("databaseIndexed", Boolean.toString(settings.indexed()));
    summary.setProperty("seconds", String.format(Locale.ROOT, "%.1f", endedAt / 1000));
    summary.setProperty("requests", Integer.toString(ops.size()));
    summary.setProperty("ok", Long.toString(ok));
    summary.setProperty("throughput", String.format(Locale.ROOT, "%.1f", ok / (endedAt / 1000)));
    summary.setProperty("p50", String.format(Locale.ROOT, "%.2f", Timeline.percentile(latencies, 0.5)));
    summary.setProperty("p99", String.format(Locale.ROOT, "%.2f", Timeline.percentile(latencies, 0.99)));
    summary.setProperty("max", String.format(Locale.ROOT, "%.2f", Timeline.percentile(latencies, 1.0)));
    summary.setProperty("errors", Long.toString(errors));
    summary.setProperty("errorsOutsideKillWindow", Long.toString(errorsOutside));
    summary.setProperty("killedAt", String.format(Locale.ROOT, "%.1f", killedAt / 1000));
    summary.setProperty("readyAgainAt", String.format(Locale.ROOT, "%.1f", readyAgainAt / 1000));
    summary.setProperty("staleReads", Integer.toString(stale.size()));
    summary.setProperty("divergedKeys", Integer.toString(diverged.size()));
    summary.setProperty("cutOffByTheKill", Integer.toString(cutOff.size()));
    summary.setProperty("databaseProductReads", Long.toString(databaseProductReads()));
    summary.setProperty("heapUsedAfterGcMb", heaps.toString());
    try (var out = Files.newBufferedWriter(dir.resolve("summary.properties"))) {
      summary.store(out, "load run of " + settings.provider());
    }
    List<String> details = new ArrayList<>();
    stale.stream().limit(20).forEach(v -> details.add("stale: " + v));
    diverged.stream().limit(20).forEach(d -> details.add("diverged: " + d));
    cutOff.forEach(d -> details.add("cut off by the kill: " + d));
    ops.stream().filter(op -> !op.ok()).limit(20).forEach(op -> details.add("error: " + op));
    Files.write(dir.resolve("details.txt"), details);
    List<String> csv = new ArrayList<>();
    csv.add("second,ok,errors,p50_ms,p99_ms,max_ms");
    for (Timeline.Second s : timeline) {
      csv.add(String.format(Locale.ROOT, "%d,%d,%d,%.2f,%.2f,%.2f", s.second(), s.ok(), s.errors(), s.p50(), s.p99(), s.max()));
    }
    Files.write(dir.resolve("timeline.csv"), csv);
    Files.writeString(dir.resolve("timeline.svg"), Timeline.svg(timeline, "Catalog on two Liberty servers, "
        + settings.users() + " users, provider " + settings.provider(), killedAt, readyAgainAt));
    System.out.println("LOAD " + settings.provider() + " " + summary);
  }
}
