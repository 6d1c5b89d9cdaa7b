package dev.strata.ee.management;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON object a management request sent, with typed access to its fields. Every refusal is a
 * 400 that names the field, what was sent and what is expected. Immutable.
 */
final class RequestBody {

  private final String route;
  private final JsonObject object;

  private RequestBody(String route, JsonObject object) {
    this.route = route;
    this.object = object;
  }

  /**
   * @param route what the body was sent to, for messages ({@code POST /strata/invalidate})
   * @param text  the body as sent; empty or null for none
   * @throws ManagementException 400 if the text is not one JSON object
   */
  static RequestBody parse(String route, String text) {
    if (text == null || text.isBlank()) {
      throw ManagementException.badRequest(route + " needs a JSON object body, and the request had none");
    }
    JsonValue value;
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      value = reader.readValue();
    } catch (JsonException e) {
      throw ManagementException.badRequest("Malformed JSON body for " + route + ": " + e.getMessage());
    }
    if (!(value instanceof JsonObject object)) {
      throw ManagementException.badRequest(route + " needs a JSON object body, but got a JSON " + kind(value));
    }
    return new RequestBody(route, object);
  }

  boolean has(String field) {
    return object.containsKey(field) && object.get(field) != JsonValue.NULL;
  }

  String string(String field) {
    JsonValue value = required(field);
    if (value instanceof JsonString string) {
      return string.getString();
    }
    throw wrongType(field, value, "a string");
  }

  boolean bool(String field) {
    JsonValue value = required(field);
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return value == JsonValue.TRUE;
    }
    throw wrongType(field, value, "true or false");
  }

  /** @return the elements of an array field, each for the caller to check */
  List<JsonValue> array(String field) {
    JsonValue value = required(field);
    if (value instanceof JsonArray array) {
      return array;
    }
    throw wrongType(field, value, "an array");
  }

  /** @return the strings of an optional array field; empty if the field is absent */
  Optional<List<String>> strings(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    List<String> strings = new ArrayList<>();
    for (JsonValue element : array(field)) {
      if (!(element instanceof JsonString string)) {
        throw wrongType(field, element, "an array of strings");
      }
      strings.add(string.getString());
    }
    return Optional.of(strings);
  }

  private JsonValue required(String field) {
    if (!has(field)) {
      throw ManagementException.badRequest(route + " needs the field '" + field + "', and the body " + object
          + " has none");
    }
    return object.get(field);
  }

  private ManagementException wrongType(String field, JsonValue value, String expected) {
    return ManagementException.badRequest("Field '" + field + "' of " + route + " must be " + expected + ", but is the JSON "
        + kind(value) + " " + value);
  }

  /** @return the JSON type of a value in words: object, array, string, number, true, false or null */
  static String kind(JsonValue value) {
    return value.getValueType().name().toLowerCase(Locale.ROOT);
  }
}
