package dev.strata.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.CookieManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Open Liberty servers with Strata as the JCache provider of Liberty's HTTP session cache and
 * authentication cache, laid out from server-config/liberty-sessions/server.xml as it is (their
 * ports come from bootstrap.properties). Each test is one browser: one cookie jar shared by its
 * clients of both servers.
 *
 * <p>Liberty writes a session after the response has gone out (writeFrequency
 * END_OF_SERVLET_SERVICE), so a request on the other server sees a change once that write is done:
 * the tests wait for it, within a bound, where a request follows on the other server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionClusterIT {

  private static final Duration START_DEADLINE = Duration.ofSeconds(120);
  /** How long a finished request's session write may take to be seen on the other server (2 busy cores). */
  private static final Duration WRITE_DEADLINE = Duration.ofSeconds(20);
  private static final String SESSIONS_CLUSTER = "strata-it-sessions";
  /** The user of server.xml's basic registry, with the password's default there. */
  private static final String USER = "ada";
  private static final String PASSWORD = "change-me";
  private static final Pattern ATTRIBUTE = Pattern.compile("\"([^\"]+)\":\"?([^\",}]*)\"?");

  private static LibertyServer a;
  private static LibertyServer b;

  @BeforeAll
  static void startTwoServers() {
    String[] http = System.getProperty("it.sessions.http.ports").split(",");
    String[] app = System.getProperty("it.sessions.app.hazelcast.ports").split(",");
    String[] sessions = System.getProperty("it.sessions.hazelcast.ports").split(",");
    a = server("sessions-a", http[0], app, sessions, 0);
    b = server("sessions-b", http[1], app, sessions, 1);
    a.start();
    b.start();
    for (LibertyServer server : List.of(a, b)) {
      await("the application's two-member cluster").atMost(START_DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> {
        Http.Response ready = server.http().get("/health/ready");
        return ready.status() == 200 && ready.body().contains("\"members\":2");
      });
    }
    // the library's member starts with the authentication cache, while the server starts
    Pattern twoSessionMembers = Pattern.compile("\\[" + SESSIONS_CLUSTER + "\\] \\[[^\\]]+\\]\\s*Members \\{size:2");
    await("the session cache's two-member cluster").atMost(START_DEADLINE).pollInterval(Duration.ofSeconds(1))
        .until(() -> twoSessionMembers.matcher(b.log()).find());
  }

  private static LibertyServer server(String name, String httpPort, String[] app, String[] sessions, int index) {
    List<String> lines = new ArrayList<>();
    lines.add("http.port=" + httpPort);
    lines.add("https.port=" + (Integer.parseInt(httpPort) + 400));
    // the WAR's own Strata, for the catalog caches (through MicroProfile Config)
    lines.add("strata.hazelcast.cluster-name=strata-it-sessions-app");
    lines.add("strata.hazelcast.port=" + app[index]);
    lines.add("strata.hazelcast.members=127.0.0.1:" + app[0] + ",127.0.0.1:" + app[1]);
    lines.add("strata.hazelcast.start=eager");
    // the library's Strata, for Liberty's session and authentication caches (server.xml's variables)
    lines.add("strata.sessions.cluster-name=" + SESSIONS_CLUSTER);
    lines.add("strata.sessions.port=" + sessions[index]);
    lines.add("strata.sessions.members=127.0.0.1:" + sessions[0] + ",127.0.0.1:" + sessions[1]);
    return LibertyServer.create(name, "liberty-sessions", Integer.parseInt(httpPort), lines)
        .trace("*=info:com.ibm.ws.security.authentication.internal.cache.*=all:com.ibm.ws.session.store.cache.*=all");
  }

  @AfterAll
  static void stopServers() {
    LibertyServer.closeAll(a, b);
  }

  /** The README's block is the server.xml these servers run, so a user copies what was tested. */
  @Test
  @Order(0)
  void readme_showsTheTestedServerXml() throws IOException {
    Path config = Path.of(System.getProperty("server.config"));
    String serverXml = Files.readString(config.resolve("liberty-sessions/server.xml"), StandardCharsets.UTF_8);
    String readme = Files.readString(config.resolveSibling("README.md"), StandardCharsets.UTF_8);
    assertThat(readme).as("README.md, section \"Strata for Liberty sessions\"").contains("```xml\n" + serverXml + "```\n");
  }

  @Test
  @Order(1)
  void get_onB_afterSetOnA_returnsTheAttribute() {
    Browser browser = Browser.open();

    Http.Response set = browser.onA().putText("/api/session/greeting", "hello from A");
    assertThat(set.status()).isEqualTo(200);
    String id = set.text("id");

    awaitAttribute(browser.onB(), "greeting", "hello from A");
    assertThat(browser.onB().get("/api/session").text("id")).isEqualTo(id);
  }

  /**
   * Both servers set distinct attributes of one session at the same time. Liberty merges each
   * write into the session's list of attribute names with compare-and-swap ({@code replace}), which
   * Strata makes atomic across the cluster, so no attribute may be lost.
   */
  @Test
  @Order(2)
  void concurrentSets_ofDistinctAttributes_fromBothServers_loseNone() throws Exception {
    Browser browser = Browser.open();
    assertThat(browser.onA().putText("/api/session/started", "yes").status()).isEqualTo(200);
    awaitAttribute(browser.onB(), "started", "yes");
    int perServer = 20;

    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      Future<?> fromA = writers.submit(() -> setAll(browser.onA(), "a", perServer));
      Future<?> fromB = writers.submit(() -> setAll(browser.onB(), "b", perServer));
      fromA.get();
      fromB.get();
    } finally {
      writers.shutdownNow();
    }

    List<String> expected = new ArrayList<>(List.of("started", "done-a", "done-b"));
    for (int i = 0; i < perServer; i++) {
      expected.add("a" + i);
      expected.add("b" + i);
    }
    // A server may go on answering from its in-memory copy of a session that another server changed
    // while both were writing (Liberty's session persistence is made for affinity). One more change
    // from each side, seen on the other, makes each reload the session from the cache: then every
    // attribute must be there, or the cache lost a write.
    assertThat(browser.onA().putText("/api/session/done-a", "yes").status()).isEqualTo(200);
    awaitAttribute(browser.onB(), "done-a", "yes");
    assertThat(browser.onB().putText("/api/session/done-b", "yes").status()).isEqualTo(200);
    awaitAttribute(browser.onA(), "done-b", "yes");
    for (Map.Entry<String, Http> server : Map.of("A", browser.onA(), "B", browser.onB()).entrySet()) {
      await("all " + expected.size() + " attributes on " + server.getKey()).atMost(WRITE_DEADLINE).pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(attributes(server.getValue().get("/api/session")).keySet()).containsExactlyInAnyOrderElementsOf(expected));
    }
  }

  private static void setAll(Http server, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      Http.Response set = server.putText("/api/session/" + prefix + i, "value " + i);
      assertThat(set.status()).as("set %s%d: %s", prefix, i, set.body()).isEqualTo(200);
    }
  }

  @Test
  @Order(3)
  void invalidate_onB_isSeenOnA() {
    Browser browser = Browser.open();
    assertThat(browser.onA().putText("/api/session/cart", "3 items").status()).isEqualTo(200);
    awaitAttribute(browser.onB(), "cart", "3 items");
    assertThat(browser.onA().get("/api/session").status()).as("A has the session in memory too").isEqualTo(200);

    assertThat(browser.onB().delete("/api/session").status()).isEqualTo(200);

    assertThat(browser.onB().get("/api/session").status()).isEqualTo(404);
    await("A no longer serves the invalidated session").atMost(WRITE_DEADLINE).pollInterval(Duration.ofMillis(200))
        .until(() -> browser.onA().get("/api/session").status() == 404);
  }

  /**
   * A user authenticated on A is found in the shared authentication cache on B, which then does
   * not authenticate it again: Liberty's trace of its JCache authentication cache shows the miss
   * on A and the hit on B, for the key of the user and password.
   */
  @Test
  @Order(4)
  void basicAuth_onB_afterA_isServedFromTheSharedAuthenticationCache() {
    assertThat(a.http().get("/api/account").status()).as("no credentials").isEqualTo(401);
    assertThat(b.http().get("/api/account", USER, "wrong").status()).as("a wrong password").isEqualTo(401);

    Http.Response onA = a.http().get("/api/account", USER, PASSWORD);
    assertThat(onA.status()).as(onA.body()).isEqualTo(200);
    assertThat(onA.text("user")).isEqualTo(USER);
    Matcher missOnA = Pattern.compile("JCache MISS for key (StrataSample:" + USER + ":\\S+)").matcher(a.traceLog());
    assertThat(missOnA.find()).as("A's trace.log shows its JCache authentication cache missing user %s", USER).isTrue();
    String key = missOnA.group(1);

    Http.Response onB = b.http().get("/api/account", USER, PASSWORD);
    assertThat(onB.status()).as(onB.body()).isEqualTo(200);
    assertThat(onB.text("user")).isEqualTo(USER);
    String traceOfB = b.traceLog();
    assertThat(traceOfB.contains("JCache HIT for key " + key)).as("B's trace.log shows a JCache HIT for %s", key).isTrue();
    assertThat(traceOfB.contains("JCache MISS for key " + key)).as("B's trace.log shows a JCache MISS for %s", key).isFalse();
  }

  /** The WAR's own Strata, beside the library's: B reads a product A cached, without its database. */
  @Test
  @Order(5)
  void catalog_onB_isServedFromTheCacheAFilled() {
    assertThat(a.http().get("/api/products/12").text("name")).isEqualTo("Product 12");
    long readsOnB = b.http().productReads();

    assertThat(b.http().get("/api/products/12").text("name")).isEqualTo("Product 12");

    assertThat(b.http().productReads()).isEqualTo(readsOnB);
  }

  @Test
  @Order(6)
  void stoppingA_leavesBServingTheSession() {
    Browser browser = Browser.open();
    assertThat(browser.onA().putText("/api/session/order", "42").status()).isEqualTo(200);
    assertThat(browser.onA().post("/api/session/visits/increment", "").status()).isEqualTo(200);
    awaitAttribute(browser.onB(), "visits", "1");

    a.stop();

    Http.Response afterFailover = browser.onB().post("/api/session/visits/increment", "");
    assertThat(afterFailover.status()).as(afterFailover.body()).isEqualTo(200);
    assertThat(attributes(afterFailover)).containsEntry("order", "42").containsEntry("visits", "2");
  }

  /** One browser: its clients of A and B share one cookie jar, so one HTTP session. */
  private record Browser(Http onA, Http onB) {
    static Browser open() {
      CookieManager cookies = new CookieManager();
      return new Browser(a.http().withCookies(cookies), b.http().withCookies(cookies));
    }
  }

  /** Waits until {@code server} reads the session's attribute {@code name} as {@code value}: the write of a finished request. */
  private static void awaitAttribute(Http server, String name, String value) {
    await("session attribute " + name + "=" + value + " read on the other server").atMost(WRITE_DEADLINE).pollInterval(Duration.ofMillis(200))
        .until(() -> value.equals(attributes(server.get("/api/session")).get(name)));
  }

  /** @return the session's attributes, as text, from a {@code /api/session} answer; empty if it has none */
  private static Map<String, String> attributes(Http.Response response) {
    Map<String, String> attributes = new TreeMap<>();
    if (response.status() != 200) {
      return attributes;
    }
    int start = response.body().indexOf("\"attributes\":{");
    int end = response.body().indexOf('}', start);
    Matcher matcher = ATTRIBUTE.matcher(response.body().substring(start + "\"attributes\":{".length(), end));
    while (matcher.find()) {
      attributes.put(matcher.group(1), matcher.group(2));
    }
    return attributes;
  }
}
