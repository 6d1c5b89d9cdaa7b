package dev.strata.ee.management;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One management request as a route sees it: who sent it, the path parameters and the body.
 *
 * @param route      the route it reached, for messages and the audit log
 * @param caller     who sent it
 * @param parameters the path's {@code {name}} segments
 * @param body       the body as sent, empty if none
 */
record Call(Route route, Caller caller, Map<String, String> parameters, String body) {

  String parameter(String name) {
    return parameters.get(name);
  }

  /** @return the body as a JSON object; a 400 if it is not one */
  RequestBody json() {
    return RequestBody.parse(route.toString(), body);
  }

  /** @return the non-empty segments of a path: {@code /caches/users/} is {@code [caches, users]} */
  static List<String> segments(String path) {
    return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
  }
}
