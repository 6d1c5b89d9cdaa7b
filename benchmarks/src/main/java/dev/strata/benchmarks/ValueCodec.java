package dev.strata.benchmarks;

/**
 * One candidate for how Strata copies and encodes values that are not immutable: a deep copy in
 * memory (what an L1 hit of a mutable value pays) and bytes (what L2 holds). Each is configured
 * the way Strata would have to run it: readable by another JVM, references tracked, tolerant of
 * class evolution, honouring Java serialization's hooks, loading classes through the cache's class
 * loader and only those on an allow list. Implementations are thread-safe.
 */
interface ValueCodec {

  /** @return a deep copy of the value, made without going through bytes where the codec can */
  Object copy(Object value);

  byte[] encode(Object value);

  Object decode(byte[] bytes);

  /** The candidates, by the name the codec benchmark's {@code codec} parameter uses. */
  static ValueCodec create(String name, ClassLoader classLoader, ClassAllowList allowList) {
    switch (name) {
      case "jdk":
        return new JdkValueCodec(classLoader, allowList);
      case "fory":
        return new ForyValueCodec(classLoader, allowList);
      case "kryo":
        return new KryoValueCodec(classLoader, allowList);
      default:
        throw new IllegalArgumentException("Unknown codec '" + name + "': expected jdk, fory or kryo");
    }
  }
}
