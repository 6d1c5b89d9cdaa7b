package dev.strata.ee.management;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may call what, and the answers for paths and methods no route takes; no container, no cache. */
class RoutesTest {

  private static final Caller ADMIN = new Caller("admin", true, false);
  private static final Caller MONITOR = new Caller("monitor", false, true);
  private static final Caller NOBODY = new Caller(null, false, false);

  private final Routes routes = new Routes(List.of(
      Route.read("caches/{name}", call -> Answer.ok(Json.createObjectBuilder().add("name", call.parameter("name")).build())),
      Route.write("POST", "caches/{name}/clear", call -> Answer.ok(Json.createObjectBuilder().add("cleared", call.parameter("name")).build())),
      Route.write("POST", "fails", call -> {
        throw ManagementException.badRequest("bad input named here");
      })));

  @Test
  void dispatch_read_passesThePathParameter() {
    Answer answer = routes.dispatch("GET", "/caches/users", MONITOR, "");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().getString("name")).isEqualTo("users");
  }

  @Test
  void dispatch_noCredentials_is401AskingForBasic() {
    Answer answer = routes.dispatch("GET", "/caches/users", NOBODY, "");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.headers()).containsKey("WWW-Authenticate");
    assertThat(answer.body().getString("error")).contains("strata-monitor", "strata-admin");
    assertThat(answer.body().getInt("status")).isEqualTo(401);
  }

  @Test
  void dispatch_monitorWrites_is403NamingTheRole() {
    Answer answer = routes.dispatch("POST", "/caches/users/clear", MONITOR, "");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body().getString("error")).contains("monitor", "POST /strata/caches/{name}/clear", "strata-admin");
  }

  @Test
  void dispatch_adminWrites_runsTheRoute() {
    assertThat(routes.dispatch("POST", "/caches/users/clear", ADMIN, "").body().getString("cleared")).isEqualTo("users");
  }

  @Test
  void dispatch_userWithoutEitherRole_is403EvenToRead() {
    assertThat(routes.dispatch("GET", "/caches/users", new Caller("ada", false, false), "").status()).isEqualTo(403);
  }

  @Test
  void dispatch_wrongMethod_is405WithAllow() {
    Answer answer = routes.dispatch("DELETE", "/caches/users", ADMIN, "");

    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.headers()).containsEntry("Allow", "GET");
    assertThat(answer.body().getString("error")).contains("takes GET, not DELETE");
  }

  @Test
  void dispatch_unknownPath_is404ListingTheEndpoints() {
    Answer answer = routes.dispatch("GET", "/cache", ADMIN, "");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().getString("error")).contains("GET /strata/cache", "GET /strata/caches/{name}");
  }

  @Test
  void dispatch_routeRefuses_answersItsStatusAndMessage() {
    Answer answer = routes.dispatch("POST", "/fails", ADMIN, "");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().getString("error")).isEqualTo("bad input named here");
    assertThat(answer.body().getInt("status")).isEqualTo(400);
  }
}
