package dev.strata.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strata.hibernate.model.Author;
import dev.strata.hibernate.model.Book;
import dev.strata.hibernate.model.Genre;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hibernate's second-level cache shared by two JVMs: this one (A) and a {@link Peer} process (B),
 * each with its own session factory and its own embedded Hazelcast member, the two forming one
 * cluster on loopback, over one H2 in-memory database that A serves on loopback. B's history
 * differs from A's before every check (it writes and queries other rows first), as a real
 * server's does.
 */
class TwoJvmTest {

  /** Strata's default {@code max-staleness}: B must see A's committed change within it. */
  private static final Duration MAX_STALENESS = Duration.ofSeconds(1);

  private static Connection keepAlive;
  private static Server database;
  private static Orm a;
  private static Process peer;
  private static Writer toPeer;
  private static BufferedReader fromPeer;
  private static final Map<String, String> STRATA = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    // the database lives in this JVM; the server lets B reach it, and refuses to create databases for clients
    String name = "shared" + UUID.randomUUID().toString().replace("-", "");
    keepAlive = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    database = Server.createTcpServer("-tcpPort", "0").start();
    String url = "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/mem:" + name;
    int portA = freePort();
    int portB = freePort();
    String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
    STRATA.put("strata.hazelcast.cluster-name", "hibernate-" + UUID.randomUUID());
    STRATA.put("strata.hazelcast.members", members);

    STRATA.forEach(System::setProperty);
    System.setProperty("strata.hazelcast.port", String.valueOf(portA));
    a = new Orm(url, "create-drop");

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    for (String flag : System.getProperty("strata.test.jvm.flags", "").split(" ")) {
      if (!flag.isBlank()) {
        command.add(flag);
      }
    }
    STRATA.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-Dstrata.hazelcast.port=" + portB);
    command.add("-Dhazelcast.phone.home.enabled=false");
    command.add("-Dhazelcast.logging.type=jdk");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Peer.class.getName());
    command.add(url);
    peer = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    toPeer = new OutputStreamWriter(peer.getOutputStream(), StandardCharsets.UTF_8);
    fromPeer = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
    assertThat(answer()).isEqualTo("ready");
  }

  @AfterAll
  static void stop() throws Exception {
    if (peer != null) {
      toPeer.close();
      if (!peer.waitFor(30, TimeUnit.SECONDS)) {
        peer.destroyForcibly();
      }
    }
    if (a != null) {
      a.close();
    }
    if (database != null) {
      database.stop();
      keepAlive.close();
    }
    STRATA.keySet().forEach(System::clearProperty);
    System.clearProperty("strata.hazelcast.port");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** @return B's answer to {@code command}, as {@code key=value} pairs */
  private static Map<String, String> ask(String command) throws IOException {
    toPeer.write(command + "\n");
    toPeer.flush();
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : answer().split("\t")) {
      int eq = pair.indexOf('=');
      fields.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return fields;
  }

  private static String answer() throws IOException {
    for (String line = fromPeer.readLine(); line != null; line = fromPeer.readLine()) {
      if (line.startsWith(Peer.PREFIX)) {
        return line.substring(Peer.PREFIX.length());
      }
    }
    throw new IOException("the peer JVM ended (exit code " + peer.exitValue() + ")");
  }

  private static Long authorWithBooks(String name, String... titles) {
    return a.read(s -> {
      Author author = new Author(name, Genre.ESSAY, LocalDate.of(1950, 1, 1));
      s.persist(author);
      for (String title : titles) {
        s.persist(new Book("isbn-" + UUID.randomUUID(), title, BigDecimal.ONE, author));
      }
      return author.getId();
    });
  }

  @Test
  void entity_cachedOnA_isAHitOnBWithNoSql() throws IOException {
    ask("other");
    Long id = authorWithBooks("Achebe");
    a.read(s -> s.find(Author.class, id));

    Map<String, String> onB = ask("author " + id);

    assertThat(onB).containsEntry("name", "Achebe").containsEntry("sql", "0");
    assertThat(Long.parseLong(onB.get("hits"))).isPositive();
  }

  @Test
  void query_cachedOnA_isAHitOnBWithNoSql() throws IOException {
    ask("other");
    Long id = authorWithBooks("Ishiguro", "The Remains of the Day", "Klara and the Sun");
    Queries.titlesBy(a, id);

    Map<String, String> onB = ask("titles " + id);

    assertThat(onB)
        .containsEntry("titles", "The Remains of the Day|Klara and the Sun")
        .containsEntry("sql", "0")
        .containsEntry("qhits", "1")
        .containsEntry("qmisses", "0");
  }

  @Test
  void entity_changedOnA_isSeenOnBWithinTheStalenessBound() throws IOException {
    Long id = authorWithBooks("Tolkien");
    a.read(s -> s.find(Author.class, id));
    assertThat(ask("author " + id)).containsEntry("name", "Tolkien");

    long committed = System.nanoTime();
    a.write(s -> s.find(Author.class, id).setName("J. R. R. Tolkien"));

    await().atMost(MAX_STALENESS).pollInterval(Duration.ofMillis(10))
        .until(() -> ask("author " + id).get("name"), "J. R. R. Tolkien"::equals);
    assertThat(Duration.ofNanos(System.nanoTime() - committed)).isLessThanOrEqualTo(MAX_STALENESS);
  }

  @Test
  void query_insertOnA_invalidatesBsCachedResultWithinTheStalenessBound() throws IOException {
    Long id = authorWithBooks("Murakami", "Norwegian Wood");
    assertThat(ask("titles " + id)).containsEntry("titles", "Norwegian Wood");
    assertThat(ask("titles " + id)).containsEntry("sql", "0");

    a.write(s -> s.persist(new Book("isbn-" + UUID.randomUUID(), "Kafka on the Shore", BigDecimal.ONE,
        s.getReference(Author.class, id))));

    await().atMost(MAX_STALENESS).pollInterval(Duration.ofMillis(10))
        .until(() -> ask("titles " + id).get("titles"), "Norwegian Wood|Kafka on the Shore"::equals);
  }
}
