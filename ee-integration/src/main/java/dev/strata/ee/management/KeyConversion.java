package dev.strata.ee.management;

import dev.strata.ee.annotation.StrataGeneratedCacheKey;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * Turns a key sent as JSON (a string or an integer) into the keys it may stand for in a cache of a
 * given key type. A {@code String}, {@code Long} or {@code Integer} cache takes the key converted to
 * its type ({@code "42"} fits a {@code Long} cache, {@code 4.5} fits none). A cache typed
 * {@code Object} or {@code GeneratedCacheKey}, which is what the cache annotations create, may hold
 * the value itself or the annotations' key of a method with that one key parameter: both are
 * candidates. Stateless.
 */
final class KeyConversion {

  private KeyConversion() {
  }

  /**
   * @return the keys {@code value} stands for in cache {@code cacheName}
   * @throws ManagementException 400 naming the key, the cache and its key type if the key does not fit
   */
  static List<Object> candidates(String cacheName, Class<?> keyType, JsonValue value) {
    if (keyType == String.class) {
      return List.of(text(cacheName, keyType, value));
    }
    if (keyType == Long.class) {
      return List.of(integral(cacheName, keyType, value));
    }
    if (keyType == Integer.class) {
      long integral = integral(cacheName, keyType, value);
      if (integral != (int) integral) {
        throw doesNotFit(cacheName, keyType, value, "it is outside the Integer range");
      }
      return List.of((int) integral);
    }
    if (keyType == Object.class || keyType == GeneratedCacheKey.class) {
      Object plain = value instanceof JsonNumber ? (Object) integral(cacheName, keyType, value) : text(cacheName, keyType, value);
      StrataGeneratedCacheKey generated = new StrataGeneratedCacheKey(new Object[] {plain});
      return keyType == Object.class ? List.of(plain, generated) : List.of(generated);
    }
    throw ManagementException.badRequest("Cache '" + cacheName + "' has key type " + keyType.getName()
        + "; keys can be sent only for caches keyed by String, Long, Integer or Object. Invalidate by \"prefix\", "
        + "by tag (POST /strata/invalidate) or clear the cache instead");
  }

  private static String text(String cacheName, Class<?> keyType, JsonValue value) {
    if (value instanceof JsonString string) {
      return string.getString();
    }
    if (value instanceof JsonNumber number && number.isIntegral()) {
      return number.toString();
    }
    throw doesNotFit(cacheName, keyType, value, "keys are sent as strings or integers");
  }

  private static long integral(String cacheName, Class<?> keyType, JsonValue value) {
    try {
      if (value instanceof JsonNumber number) {
        return number.longValueExact();
      }
      if (value instanceof JsonString string) {
        return Long.parseLong(string.getString().trim());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw doesNotFit(cacheName, keyType, value, "it is not a whole number within the Long range");
    }
    throw doesNotFit(cacheName, keyType, value, "keys are sent as strings or integers");
  }

  private static ManagementException doesNotFit(String cacheName, Class<?> keyType, JsonValue value, String why) {
    return ManagementException.badRequest("Key " + value + " does not fit cache '" + cacheName + "', whose keys are "
        + keyType.getSimpleName() + ": " + why);
  }
}
