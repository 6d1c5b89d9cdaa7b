package dev.strata.ee.management;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Map;

/**
 * What the management API answers: a status, a JSON object and any headers the status calls for
 * ({@code Allow} with 405, {@code WWW-Authenticate} with 401). Errors are {@code {"error": "...", "status": 400}}.
 *
 * @param status  the HTTP status
 * @param body    the JSON answered
 * @param headers extra response headers; empty for most answers
 */
record Answer(int status, JsonObject body, Map<String, String> headers) {

  static Answer ok(JsonObject body) {
    return new Answer(200, body, Map.of());
  }

  static Answer error(int status, String message) {
    return error(status, message, Map.of());
  }

  static Answer error(int status, String message, Map<String, String> headers) {
    return new Answer(status, Json.createObjectBuilder().add("error", message).add("status", status).build(), headers);
  }
}
