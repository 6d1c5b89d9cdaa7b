package dev.strata.cache.copy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decides how a value that L1 holds is handed to callers without letting them change what the
 * cache holds: shared as it is when nothing about it can change, otherwise copied the cheapest
 * safe way ({@link CopyStrategy}). The rule:
 * <ul>
 *   <li>JDK immutable value types (strings, boxed primitives, {@code BigDecimal}, {@code BigInteger},
 *       {@code java.time}, {@code UUID}, {@code URI}, {@code Locale}, ...) and enums are shared;</li>
 *   <li>a record is shared when every component is, recursively;</li>
 *   <li>the JDK's immutable collections ({@code List.of}, {@code Set.of}, {@code Map.of},
 *       {@code List.copyOf}, {@code stream().toList()}, {@code Collections.empty*} and
 *       {@code singleton*}) are shared when every element is;</li>
 *   <li>classes the operator declares immutable
 *       ({@code strata.serialization.immutable}) are shared;</li>
 *   <li>primitive arrays are cloned; an {@code ArrayList}, {@code HashMap}, {@code LinkedHashMap},
 *       {@code HashSet} or {@code LinkedHashSet} of shared elements is copied shallowly;</li>
 *   <li>everything else is decoded afresh from its L2 bytes on every hit.</li>
 * </ul>
 * Unmodifiable <em>views</em> ({@code Collections.unmodifiableList}) are copied: whoever holds the
 * list behind the view can still change it.
 *
 * <p>What a class can be is decided once per class and kept; records and immutable collections
 * whose components or elements are declared as non-final types are then checked per value, once,
 * when L1 takes the value (never on a hit). Thread-safe.
 */
public final class ImmutableTypes {

  /** How deep a record or collection nesting is followed before the value is copied instead. */
  private static final int MAX_DEPTH = 32;

  private static final Set<Class<?>> JDK_IMMUTABLE = Set.of(
      String.class, Integer.class, Long.class, Short.class, Byte.class, Character.class,
      Boolean.class, Double.class, Float.class, BigInteger.class, BigDecimal.class, java.util.UUID.class,
      java.time.Instant.class, java.time.Duration.class, java.time.LocalDate.class,
      java.time.LocalDateTime.class, java.time.LocalTime.class, java.time.OffsetDateTime.class,
      java.time.OffsetTime.class, java.time.ZonedDateTime.class, java.time.Period.class, java.time.Year.class,
      java.time.YearMonth.class, java.time.MonthDay.class, java.time.ZoneOffset.class,
      java.net.URI.class, java.util.Locale.class, java.util.Currency.class, Class.class);

  /** Collections whose shallow copy keeps their behaviour, by exact class. */
  private static final Set<Class<?>> COPYABLE_COLLECTIONS = Set.of(
      ArrayList.class, HashMap.class, LinkedHashMap.class, HashSet.class, LinkedHashSet.class);

  /** What a class can be, decided from the class alone. */
  private enum Kind {
    /** Every instance can be shared. */
    IMMUTABLE,
    /** A record with components declared as non-final types: shared if every component value is. */
    RECORD,
    /** An immutable JDK collection: shared if every element is. */
    IMMUTABLE_COLLECTION,
    /** A plain collection: copied shallowly if every element can be shared. */
    COPYABLE_COLLECTION,
    /** A primitive array: cloned. */
    PRIMITIVE_ARRAY,
    /** Anything else: decoded afresh. */
    MUTABLE
  }

  private final Set<String> declared;
  /** Record classes whose kind is being computed on this thread: a type that refers back to itself. */
  private final ThreadLocal<Set<Class<?>>> inProgress = ThreadLocal.withInitial(HashSet::new);
  private final ClassValue<Kind> kinds = new ClassValue<>() {
    @Override
    protected Kind computeValue(Class<?> type) {
      return kindOf(type);
    }
  };
  private final ClassValue<MethodHandle[]> components = new ClassValue<>() {
    @Override
    protected MethodHandle[] computeValue(Class<?> type) {
      return accessors(type);
    }
  };

  /** @param declared class names the operator declares immutable */
  public ImmutableTypes(Set<String> declared) {
    this.declared = Set.copyOf(declared);
  }

  /** @return how L1 hands out {@code value}: decided by its class, and for some classes by its contents */
  public CopyStrategy strategyFor(Object value) {
    Kind kind = kinds.get(value.getClass());
    switch (kind) {
      case IMMUTABLE:
        return CopyStrategy.SHARE;
      case PRIMITIVE_ARRAY:
        return CopyStrategy.CLONE_ARRAY;
      case COPYABLE_COLLECTION:
        return elementsShareable(value, 1) ? CopyStrategy.COPY_COLLECTION : CopyStrategy.DECODE;
      case MUTABLE:
        return CopyStrategy.DECODE;
      default:
        return shareable(value, 0) ? CopyStrategy.SHARE : CopyStrategy.DECODE;
    }
  }

  /** @return whether {@code value} can be handed to every caller as it is */
  public boolean isShareable(Object value) {
    return shareable(value, 0);
  }

  private boolean shareable(Object value, int depth) {
    if (value == null) {
      return true;
    }
    if (depth > MAX_DEPTH) {
      return false;
    }
    switch (kinds.get(value.getClass())) {
      case IMMUTABLE:
        return true;
      case RECORD:
        return componentsShareable(value, depth + 1);
      case IMMUTABLE_COLLECTION:
        return elementsShareable(value, depth + 1);
      default:
        return false;
    }
  }

  private boolean componentsShareable(Object record, int depth) {
    MethodHandle[] accessors = components.get(record.getClass());
    if (accessors == null) {
      return false;
    }
    try {
      for (MethodHandle accessor : accessors) {
        if (accessor != null && !shareable(accessor.invoke(record), depth)) {
          return false;
        }
      }
      return true;
    } catch (Throwable e) {
      // an accessor that throws tells us nothing safe: copy
      return false;
    }
  }

  private boolean elementsShareable(Object collection, int depth) {
    if (collection instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!shareable(entry.getKey(), depth) || !shareable(entry.getValue(), depth)) {
          return false;
        }
      }
      return true;
    }
    for (Object element : (Collection<?>) collection) {
      if (!shareable(element, depth)) {
        return false;
      }
    }
    return true;
  }

  private Kind kindOf(Class<?> type) {
    if (JDK_IMMUTABLE.contains(type) || type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())
        || declared.contains(type.getName())) {
      return Kind.IMMUTABLE;
    }
    if (type.isArray()) {
      return type.getComponentType().isPrimitive() ? Kind.PRIMITIVE_ARRAY : Kind.MUTABLE;
    }
    if (COPYABLE_COLLECTIONS.contains(type)) {
      return Kind.COPYABLE_COLLECTION;
    }
    String name = type.getName();
    if ((name.startsWith("java.util.ImmutableCollections$") || name.startsWith("java.util.Collections$Empty")
        || name.startsWith("java.util.Collections$Singleton"))
        && (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type))) {
      return Kind.IMMUTABLE_COLLECTION;
    }
    if (type.isRecord()) {
      return recordKind(type);
    }
    return Kind.MUTABLE;
  }

  /** A record whose components are all primitives or final immutable classes needs no check per value. */
  private Kind recordKind(Class<?> type) {
    if (accessors(type) == null) {
      return Kind.MUTABLE;
    }
    Set<Class<?>> visiting = inProgress.get();
    visiting.add(type);
    try {
      boolean perValue = false;
      for (RecordComponent component : type.getRecordComponents()) {
        Class<?> declaredType = component.getType();
        if (declaredType.isPrimitive()) {
          continue;
        }
        if (declaredType.isArray()) {
          return Kind.MUTABLE;
        }
        boolean fixed = Modifier.isFinal(declaredType.getModifiers()) || declaredType.isEnum();
        if (!fixed || visiting.contains(declaredType)) {
          perValue = true;
          continue;
        }
        Kind kind = kinds.get(declaredType);
        if (kind == Kind.MUTABLE || kind == Kind.PRIMITIVE_ARRAY || kind == Kind.COPYABLE_COLLECTION) {
          return Kind.MUTABLE;
        }
        perValue |= kind != Kind.IMMUTABLE;
      }
      return perValue ? Kind.RECORD : Kind.IMMUTABLE;
    } finally {
      visiting.remove(type);
      if (visiting.isEmpty()) {
        inProgress.remove();
      }
    }
  }

  /** @return the accessors of a record's components that are not primitives, or null if they cannot be called */
  private static MethodHandle[] accessors(Class<?> type) {
    if (!type.isRecord()) {
      return null;
    }
    RecordComponent[] recordComponents = type.getRecordComponents();
    MethodHandle[] handles = new MethodHandle[recordComponents.length];
    try {
      for (int i = 0; i < recordComponents.length; i++) {
        if (recordComponents[i].getType().isPrimitive()) {
          continue;
        }
        java.lang.reflect.Method accessor = recordComponents[i].getAccessor();
        accessor.setAccessible(true);
        handles[i] = MethodHandles.lookup().unreflect(accessor);
      }
      return handles;
    } catch (RuntimeException | IllegalAccessException e) {
      // a record in a module that does not open it to us: we cannot look inside, so we copy it
      return null;
    }
  }
}
