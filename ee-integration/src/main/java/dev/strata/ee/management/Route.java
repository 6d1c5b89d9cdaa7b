package dev.strata.ee.management;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One endpoint: a method, a path under {@code /strata} whose {@code {name}} segments are
 * parameters, whether it changes something (and so needs {@code strata-admin}), and what answers it.
 * Immutable.
 */
record Route(String method, String path, boolean write, Function<Call, Answer> handler) {

  static Route read(String path, Function<Call, Answer> handler) {
    return new Route("GET", path, false, handler);
  }

  static Route write(String method, String path, Function<Call, Answer> handler) {
    return new Route(method, path, true, handler);
  }

  /** @return the parameters if the path fits this route's path, whatever the method */
  Optional<Map<String, String>> match(List<String> segments) {
    List<String> pattern = Call.segments(path);
    if (pattern.size() != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String expected = pattern.get(i);
      if (expected.startsWith("{") && expected.endsWith("}")) {
        parameters.put(expected.substring(1, expected.length() - 1), segments.get(i));
      } else if (!expected.equals(segments.get(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(parameters);
  }

  @Override
  public String toString() {
    return method + " /strata/" + path;
  }
}
