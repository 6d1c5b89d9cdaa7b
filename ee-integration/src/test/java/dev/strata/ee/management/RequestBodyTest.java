package dev.strata.ee.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every malformed or mistyped body is a 400 whose message names the route, the field and what was sent. */
class RequestBodyTest {

  private static final String ROUTE = "POST /strata/invalidate";

  @Test
  void parse_malformedJson_is400NamingTheRoute() {
    assertThatThrownBy(() -> RequestBody.parse(ROUTE, "{\"tag\": "))
        .isInstanceOf(ManagementException.class)
        .hasMessageContaining("Malformed JSON body for " + ROUTE)
        .satisfies(e -> assertThat(((ManagementException) e).status()).isEqualTo(400));
  }

  @Test
  void parse_noBody_is400() {
    assertThatThrownBy(() -> RequestBody.parse(ROUTE, "")).hasMessageContaining("needs a JSON object body");
  }

  @Test
  void parse_array_is400NamingWhatCame() {
    assertThatThrownBy(() -> RequestBody.parse(ROUTE, "[1]")).hasMessageContaining("got a JSON array");
  }

  @Test
  void string_missingField_is400NamingIt() {
    assertThatThrownBy(() -> RequestBody.parse(ROUTE, "{\"tags\": \"x\"}").string("tag"))
        .hasMessageContaining("needs the field 'tag'");
  }

  @Test
  void string_number_is400NamingFieldTypeAndValue() {
    assertThatThrownBy(() -> RequestBody.parse(ROUTE, "{\"tag\": 42}").string("tag"))
        .hasMessageContaining("Field 'tag'", "must be a string", "number 42");
  }

  @Test
  void bool_string_is400() {
    assertThatThrownBy(() -> RequestBody.parse(ROUTE, "{\"enabled\": \"no\"}").bool("enabled"))
        .hasMessageContaining("must be true or false");
  }

  @Test
  void strings_absent_isEmpty_andPresent_areRead() {
    assertThat(RequestBody.parse(ROUTE, "{\"tag\": \"t\"}").strings("caches")).isEmpty();
    assertThat(RequestBody.parse(ROUTE, "{\"caches\": [\"a\", \"b\"]}").strings("caches")).isEqualTo(Optional.of(List.of("a", "b")));
  }

  @Test
  void strings_notAllStrings_is400() {
    assertThatThrownBy(() -> RequestBody.parse(ROUTE, "{\"caches\": [\"a\", 1]}").strings("caches"))
        .hasMessageContaining("an array of strings");
  }
}
