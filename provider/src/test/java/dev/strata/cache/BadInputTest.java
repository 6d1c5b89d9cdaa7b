package dev.strata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.strata.cache.spi.StrataCachingProvider;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets a clear error and loses nothing: null keys and values, values Hazelcast cannot
 * hold, invalid configuration. One member serves the whole class (each test starts from an empty
 * cache), since none of these tests changes the cluster.
 */
class BadInputTest {

  private static final String CACHE = "bad-input";

  private static Cluster cluster;
  private static Node node;

  @BeforeAll
  static void startMember() {
    cluster = Cluster.onPorts(5920, 5924);
    node = cluster.member();
  }

  @AfterAll
  static void stopMember() {
    cluster.close();
  }

  @BeforeEach
  void emptyCache() {
    node.cache(CACHE, String.class, Object.class).removeAll();
  }

  static Stream<Arguments> nullInputs() {
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, "v");
    Map<String, Object> nullValue = new HashMap<>();
    nullValue.put("k2", null);
    Set<String> keysWithNull = new HashSet<>();
    keysWithNull.add("k");
    keysWithNull.add(null);
    return Stream.<Named<Consumer<Cache<String, Object>>>>of(
        named("get(null)", c -> c.get(null)),
        named("getAll({k, null})", c -> c.getAll(keysWithNull)),
        named("containsKey(null)", c -> c.containsKey(null)),
        named("put(null, v)", c -> c.put(null, "v")),
        named("put(k, null)", c -> c.put("k", null)),
        named("getAndPut(null, v)", c -> c.getAndPut(null, "v")),
        named("getAndPut(k, null)", c -> c.getAndPut("k", null)),
        named("putAll({null=v})", c -> c.putAll(nullKey)),
        named("putAll({k2=null})", c -> c.putAll(nullValue)),
        named("putIfAbsent(null, v)", c -> c.putIfAbsent(null, "v")),
        named("putIfAbsent(k2, null)", c -> c.putIfAbsent("k2", null)),
        named("remove(null)", c -> c.remove(null)),
        named("remove(null, v)", c -> c.remove(null, "v")),
        named("remove(k, null)", c -> c.remove("k", null)),
        named("getAndRemove(null)", c -> c.getAndRemove(null)),
        named("replace(null, v)", c -> c.replace(null, "v")),
        named("replace(k, null)", c -> c.replace("k", null)),
        named("replace(k, null, v)", c -> c.replace("k", null, "v")),
        named("replace(k, v, null)", c -> c.replace("k", "v", null)),
        named("getAndReplace(k, null)", c -> c.getAndReplace("k", null)),
        named("removeAll({k, null})", c -> c.removeAll(keysWithNull)),
        named("invoke(null, p)", c -> c.invoke(null, (entry, args) -> null)),
        named("loadAll({k, null})", c -> c.loadAll(keysWithNull, false, null)))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nullInputs")
  void operation_nullKeyOrValue_throwsNullPointerExceptionAndChangesNothing(Consumer<Cache<String, Object>> operation) {
    StrataCache<String, Object> cache = node.cache(CACHE, String.class, Object.class);
    cache.put("k", "v");

    assertThatThrownBy(() -> operation.accept(cache)).isInstanceOf(NullPointerException.class);

    assertThat(cache.get("k")).isEqualTo("v");
    assertThat(cache.containsKey("k2")).isFalse();
    assertThat(cache).hasSize(1);
  }

  @Test
  void put_nonSerializableValue_throwsIllegalArgumentExceptionNamingCacheAndClass_andStoresNothing() {
    StrataCache<String, Object> cache = node.cache(CACHE, String.class, Object.class);

    assertThatThrownBy(() -> cache.put("k", new Unserializable()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + CACHE + "'")
        .hasMessageContaining(Unserializable.class.getName());

    assertThat(cache.containsKey("k")).isFalse();
    assertThat(node.map(CACHE).size()).isZero();
  }

  @Test
  void putAll_nonSerializableValueAmongOthers_throwsIllegalArgumentException_andStoresNothing() {
    StrataCache<String, Object> cache = node.cache(CACHE, String.class, Object.class);
    Map<String, Object> entries = new LinkedHashMap<>();
    entries.put("a", "fine");
    entries.put("b", new Unserializable());
    entries.put("c", "fine too");

    assertThatThrownBy(() -> cache.putAll(entries))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + CACHE + "'")
        .hasMessageContaining(Unserializable.class.getName());

    assertThat(node.map(CACHE).size()).isZero();
  }

  @Test
  void putIfAbsent_nonSerializableValue_throwsIllegalArgumentException_andStoresNothing() {
    StrataCache<String, Object> cache = node.cache(CACHE, String.class, Object.class);

    assertThatThrownBy(() -> cache.putIfAbsent("k", new Unserializable()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + CACHE + "'")
        .hasMessageContaining(Unserializable.class.getName());

    assertThat(cache.containsKey("k")).isFalse();
  }

  @Test
  void replace_nonSerializableValue_throwsIllegalArgumentException_andKeepsTheOldValue() {
    StrataCache<String, Object> cache = node.cache(CACHE, String.class, Object.class);
    cache.put("k", "old");

    assertThatThrownBy(() -> cache.replace("k", new Unserializable()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Unserializable.class.getName());
    assertThatThrownBy(() -> cache.getAndPut("k", new Unserializable()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Unserializable.class.getName());

    assertThat(cache.get("k")).isEqualTo("old");
  }

  @Test
  void put_nonSerializableKey_throwsIllegalArgumentExceptionNamingCacheAndClass() {
    StrataCache<Object, String> cache = node.cache("bad-keys", Object.class, String.class);

    assertThatThrownBy(() -> cache.put(new Unserializable(), "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bad-keys'")
        .hasMessageContaining(Unserializable.class.getName());

    assertThat(node.map("bad-keys").size()).isZero();
  }

  static Stream<Arguments> invalidProperties() {
    return Stream.of(
        arguments("strata.cache.default.l1.max-size", "abc", "a positive integer"),
        arguments("strata.cache.users.l1.max-size", "0", "a positive integer"),
        arguments("strata.cache.users.l1.enabled", "yes", "true or false"),
        arguments("strata.cache.users.max-staleness", "xyz", "a positive ISO-8601 duration"),
        arguments("strata.cache.default.max-staleness", "-PT1S", "a positive ISO-8601 duration"),
        arguments("strata.hazelcast.mode", "foo", "one of embedded client instance"),
        arguments("strata.hazelcast.port", "70000", "a port number from 1 to 65535"),
        arguments("strata.hazelcast.port", "http", "a positive integer"),
        arguments("strata.hazelcast.connect-timeout", "10s", "a positive ISO-8601 duration"),
        arguments("strata.hazelcast.members", "127.0.0.1:5701;127.0.0.1:5702", "a comma-separated list of host or host:port"),
        arguments("strata.hazelcast.member", "127.0.0.1", "no such key"),
        arguments("strata.cache.users.l1.maxsize", "100", "no such key"),
        arguments("strata.cache.users.expiry", "accessed", "set the ttl"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("invalidProperties")
  void getCacheManager_invalidProperty_throwsIllegalArgumentExceptionNamingKeyValueAndAllowed(
      String key, String value, String allowed) {
    Properties properties = new Properties();
    properties.setProperty(key, value);
    StrataCachingProvider provider = new StrataCachingProvider();

    try {
      assertThatThrownBy(() -> provider.getCacheManager(Cluster.URI, getClass().getClassLoader(), properties))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + key + "'")
          .hasMessageContaining("'" + value + "'")
          .hasMessageContaining("allowed: " + allowed);
    } finally {
      provider.close();
    }
  }

  @Test
  void getCacheManager_instanceModeWithoutInstanceName_throwsIllegalArgumentExceptionNamingTheMissingKey() {
    Properties properties = new Properties();
    properties.setProperty("strata.hazelcast.mode", "instance");
    StrataCachingProvider provider = new StrataCachingProvider();

    try {
      assertThatThrownBy(() -> provider.getCacheManager(Cluster.URI, getClass().getClassLoader(), properties))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'strata.hazelcast.instance-name'");
    } finally {
      provider.close();
    }
  }

  /** Has no {@code Serializable}: Hazelcast cannot hold it. */
  private static final class Unserializable {
  }
}
