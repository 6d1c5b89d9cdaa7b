package dev.strata.sample;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON every error of the catalog's API answers: {@code {"error": "No product 7", "status": 404}}. */
final class ErrorBody {

  private ErrorBody() {
  }

  /** @return {@code response}'s status and headers with the error JSON as its entity */
  static Response of(Response response, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("status", response.getStatus());
    return Response.fromResponse(response).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
  }
}
