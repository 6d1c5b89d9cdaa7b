package dev.strata.ee.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ee.annotation.StrataGeneratedCacheKey;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Keys sent as JSON strings or integers, converted to the cache's key type, or refused naming the key. */
class KeyConversionTest {

  private static JsonValue json(String text) {
    return Json.createReader(new StringReader("[" + text + "]")).readArray().get(0);
  }

  @Test
  void candidates_longCache_takesNumbersAndNumericStrings() {
    assertThat(KeyConversion.candidates("c", Long.class, json("42"))).containsExactly(42L);
    assertThat(KeyConversion.candidates("c", Long.class, json("\"42\""))).containsExactly(42L);
  }

  @Test
  void candidates_longCache_refusesTextNamingTheKey() {
    assertThatThrownBy(() -> KeyConversion.candidates("orders", Long.class, json("\"abc\"")))
        .hasMessageContaining("Key \"abc\" does not fit cache 'orders', whose keys are Long");
  }

  @Test
  void candidates_integerCache_refusesOutOfRange() {
    assertThatThrownBy(() -> KeyConversion.candidates("c", Integer.class, json("3000000000")))
        .hasMessageContaining("Integer range");
  }

  @Test
  void candidates_stringCache_takesStringsAndIntegers_refusesFractions() {
    assertThat(KeyConversion.candidates("c", String.class, json("\"user:1\""))).containsExactly("user:1");
    assertThat(KeyConversion.candidates("c", String.class, json("7"))).containsExactly("7");
    assertThatThrownBy(() -> KeyConversion.candidates("c", String.class, json("4.5"))).hasMessageContaining("Key 4.5");
  }

  @Test
  void candidates_objectCache_isTheValueOrTheAnnotationsKeyOfIt() {
    assertThat(KeyConversion.candidates("products", Object.class, json("7")))
        .containsExactly(7L, new StrataGeneratedCacheKey(new Object[] {7L}));
  }

  @Test
  void candidates_otherKeyType_isRefusedPointingToPrefixAndTags() {
    assertThatThrownBy(() -> KeyConversion.candidates("c", Instant.class, json("1")))
        .hasMessageContaining("key type java.time.Instant", "prefix", "tag");
  }
}
