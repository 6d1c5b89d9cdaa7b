package dev.strata.ee.management;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Sends each management request to its route after checking who may call it: 401 without
 * credentials, 403 without the role the route needs, 404 for a path no route has, 405 for a method
 * the path does not take. The roles are checked here as well as by the servlet's security
 * constraints, so that a server that enforces no constraints (no application security) still serves
 * nobody. Immutable and thread-safe if the handlers are.
 */
final class Routes {

  private final List<Route> routes;

  Routes(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  /**
   * @param method the HTTP method
   * @param path   the path below {@code /strata}, such as {@code /caches/users}
   * @param body   the request body, empty if none
   */
  Answer dispatch(String method, String path, Caller caller, String body) {
    if (!caller.authenticated()) {
      return Answer.error(401, "The Strata management API needs a signed-in user with the role " + Caller.MONITOR
          + " (to read) or " + Caller.ADMIN, Map.of("WWW-Authenticate", "Basic realm=\"strata\""));
    }
    List<String> segments = Call.segments(path);
    List<Route> onPath = routes.stream().filter(route -> route.match(segments).isPresent()).toList();
    if (onPath.isEmpty()) {
      return Answer.error(404, "No Strata management endpoint " + method + " /strata" + path + "; the endpoints are "
          + routes.stream().map(Route::toString).collect(Collectors.joining(", ")));
    }
    Optional<Route> route = onPath.stream().filter(candidate -> candidate.method().equals(method)).findFirst();
    if (route.isEmpty()) {
      String allowed = onPath.stream().map(Route::method).distinct().collect(Collectors.joining(", "));
      return Answer.error(405, "/strata" + path + " takes " + allowed + ", not " + method, Map.of("Allow", allowed));
    }
    Route chosen = route.get();
    if (!caller.may(chosen.write())) {
      return Answer.error(403, "User '" + caller.name() + "' may not call " + chosen + ": it needs the role "
          + (chosen.write() ? Caller.ADMIN : Caller.MONITOR + " or " + Caller.ADMIN));
    }
    try {
      return chosen.handler().apply(new Call(chosen, caller, chosen.match(segments).orElseThrow(), body));
    } catch (ManagementException e) {
      return Answer.error(e.status(), e.getMessage());
    }
  }
}
