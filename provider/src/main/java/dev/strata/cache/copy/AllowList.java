package dev.strata.cache.copy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The classes Strata may decode from Hazelcast: the JDK's value types, the application's classes,
 * Open Liberty's {@code CacheObject} envelope, what Hibernate ORM stores in its second-level cache
 * regions where Hibernate is present ({@link HibernateRegions}), and what the operator adds with
 * {@code strata.serialization.allow}.
 * Any other class named in bytes read from the cluster stops the decode before an instance of it
 * exists (see {@link Codec}).
 *
 * <p>The application's classes are the packages (subpackages included) of the types Strata learns
 * from the application itself: the key and value types of its cache configurations and, under
 * CDI, the beans, return types and parameter types of its cache-annotated methods. Every JVM of
 * one application learns the same set, so what one JVM may write, every other may read. They are
 * shared by every cache manager of this copy of Strata (one application, or the applications of a
 * shared library), whichever class loader or URI a manager was asked for, because a cache resolver
 * may reach the cluster through a manager of its own.
 *
 * <p>Thread-safe: packages may be added while decodes run.
 */
public final class AllowList {

  /** JDK value and collection types, by exact name. */
  private static final Set<String> JDK_CLASSES = Set.of(
      "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
      "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Object",
      "java.math.BigDecimal", "java.math.BigInteger", "java.math.RoundingMode",
      "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.Vector",
      "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.Hashtable",
      "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.EnumMap",
      "java.util.RegularEnumSet", "java.util.JumboEnumSet", "java.util.BitSet",
      "java.util.Date", "java.util.UUID", "java.util.Locale", "java.util.Currency",
      "java.util.Optional", "java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble",
      "java.util.Arrays$ArrayList", "java.util.Collections$ReverseComparator",
      // the serial proxies of List.of, Set.of, Map.of and EnumSet, as Java serialization writes them
      "java.util.CollSer", "java.util.EnumSet$SerializationProxy",
      "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentSkipListMap",
      "java.util.concurrent.ConcurrentSkipListSet", "java.util.concurrent.CopyOnWriteArrayList",
      "java.util.concurrent.CopyOnWriteArraySet", "java.util.concurrent.TimeUnit",
      "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicLong",
      "java.util.concurrent.atomic.AtomicBoolean",
      "java.lang.String$CaseInsensitiveComparator", "java.net.URI",
      "java.sql.Date", "java.sql.Time", "java.sql.Timestamp",
      // declared field types: interfaces and abstract classes, named in the bytes but never instantiated
      "java.util.List", "java.util.Map", "java.util.Set", "java.util.Collection", "java.util.SortedMap",
      "java.util.SortedSet", "java.util.NavigableMap", "java.util.NavigableSet", "java.util.Queue", "java.util.Deque",
      "java.util.AbstractList", "java.util.AbstractMap", "java.util.AbstractSet", "java.util.AbstractCollection",
      "java.util.concurrent.ConcurrentMap", "java.util.Comparator", "java.lang.Iterable", "java.lang.Number",
      "java.lang.Comparable", "java.lang.CharSequence", "java.lang.Enum", "java.lang.Record", "java.io.Serializable",
      // Strata's own: the CDI layer's generated cache keys and its stand-in for a cached null
      "dev.strata.ee.annotation.StrataGeneratedCacheKey", "dev.strata.ee.annotation.NullValue");

  /**
   * Open Liberty's envelope for the values of its JCache consumers (the distributed authentication
   * cache): a {@code byte[]} that Liberty serialized and deserializes itself, through its own
   * filtered stream, plus a transient copy of the object that is never written. Decoding it restores
   * the byte array (the class has no {@code readObject} or {@code readResolve}), so allowing this one
   * class admits no other class.
   * Strata reaches it through the class loader of its Liberty library, which sees
   * {@code io.openliberty.jcache}: the jcache feature exports the package to JCache libraries.
   */
  static final String LIBERTY_CACHE_OBJECT = "io.openliberty.jcache.CacheObject";

  /**
   * JDK families by prefix: {@code java.time} values and their serial form, and the immutable,
   * unmodifiable, empty and singleton collections of {@code List.of}, {@code Collections} and
   * {@code stream().toList()}.
   */
  private static final List<String> JDK_PREFIXES = List.of(
      "java.time.", "java.util.ImmutableCollections$", "java.util.Collections$Unmodifiable",
      "java.util.Collections$Empty", "java.util.Collections$Singleton", "java.util.Collections$Synchronized",
      "java.util.Collections$Checked");

  /** Packages never taken as the application's, however an application type is declared. */
  private static final List<String> PLATFORM_PACKAGES = List.of("java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.");

  /** The application's packages, as prefixes: one set for every manager of this copy of Strata. */
  private static final Set<String> APPLICATION_PACKAGES = new CopyOnWriteArraySet<>();

  private final Set<String> classes;
  private final Set<String> prefixes;
  private final boolean hibernate;

  /**
   * @param operatorClasses exact class names the operator allows
   * @param operatorPrefixes package prefixes (ending in {@code .}) the operator allows
   */
  public AllowList(Set<String> operatorClasses, Set<String> operatorPrefixes) {
    this(Set.copyOf(operatorClasses), Set.copyOf(operatorPrefixes), false);
  }

  private AllowList(Set<String> classes, Set<String> prefixes, boolean hibernate) {
    this.classes = classes;
    this.prefixes = prefixes;
    this.hibernate = hibernate;
  }

  /**
   * @return this allow-list as the codec of a cache manager with class loader {@code loader} uses
   *     it: with Hibernate's region classes where that loader sees Hibernate, without them otherwise
   */
  public AllowList seenFrom(ClassLoader loader) {
    return new AllowList(classes, prefixes, HibernateRegions.visibleFrom(loader));
  }

  /** @return whether Hibernate's region classes are trusted, which {@link #seenFrom} decides */
  public boolean trustsHibernate() {
    return hibernate;
  }

  /**
   * Allows the package of an application type and its subpackages, for every cache manager; JDK
   * and platform types add nothing.
   */
  public static void allowApplicationType(Class<?> type) {
    while (type.isArray()) {
      type = type.getComponentType();
    }
    if (type.isPrimitive() || type.getPackageName().isEmpty()) {
      return;
    }
    String prefix = type.getPackageName() + ".";
    for (String platform : PLATFORM_PACKAGES) {
      if (prefix.startsWith(platform)) {
        return;
      }
    }
    APPLICATION_PACKAGES.add(prefix);
  }

  /** @return whether a class of this name may be decoded; arrays are judged by their element type */
  public boolean allows(String className) {
    String name = elementName(className);
    if (name == null) {
      return true; // an array of primitives
    }
    if (JDK_CLASSES.contains(name) || classes.contains(name) || jdkThrowable(name) || name.equals(LIBERTY_CACHE_OBJECT)
        || (hibernate && HibernateRegions.CLASSES.contains(name))) {
      return true;
    }
    for (String prefix : JDK_PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    for (String prefix : APPLICATION_PACKAGES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The JDK's exceptions and errors, as {@code @CacheResult(exceptionCacheName)} caches them, with
   * their stack trace elements: {@code java.*} classes only, whose deserialization does nothing but
   * restore fields.
   */
  private static boolean jdkThrowable(String name) {
    return name.startsWith("java.") && (name.endsWith("Exception") || name.endsWith("Error")
        || name.equals("java.lang.Throwable") || name.equals("java.lang.StackTraceElement"));
  }

  /** @return the element class name of an array name ({@code [Lcom.acme.X;} or {@code com.acme.X[]}), null for primitives */
  private static String elementName(String className) {
    String name = className;
    while (name.endsWith("[]")) {
      name = name.substring(0, name.length() - 2);
    }
    if (!name.startsWith("[")) {
      return switch (name) {
        case "boolean", "byte", "short", "char", "int", "long", "float", "double" -> null;
        default -> name;
      };
    }
    int start = 0;
    while (start < name.length() && name.charAt(start) == '[') {
      start++;
    }
    if (start < name.length() && name.charAt(start) == 'L' && name.endsWith(";")) {
      return name.substring(start + 1, name.length() - 1);
    }
    return null;
  }
}
