package dev.strata.benchmarks;

import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.ForyBuilder;
import org.apache.fory.config.Language;
import org.apache.fory.resolver.AllowListChecker;

/**
 * Apache Fory: class names written instead of registration ids, references tracked on write and
 * on copy, the compatible (field-name keyed) layout, Fory's own allow list in strict mode with its
 * built-in JDK list plus the benchmark's packages. Fory honours {@code writeObject},
 * {@code readObject}, {@code writeReplace} and {@code readResolve} itself. One Fory per thread.
 */
final class ForyValueCodec implements ValueCodec {

  private final ThreadSafeFory fory;

  ForyValueCodec(ClassLoader classLoader, ClassAllowList allowList) {
    AllowListChecker checker = new AllowListChecker(AllowListChecker.CheckLevel.STRICT);
    for (String prefix : allowList.prefixes()) {
      checker.allowClass(prefix + "*");
    }
    this.fory = new ForyBuilder()
        .withLanguage(Language.JAVA)
        .requireClassRegistration(false)
        .withTypeChecker(checker)
        .withRefTracking(true)
        .withRefCopy(true)
        .withCompatibleMode(CompatibleMode.COMPATIBLE)
        .withClassLoader(classLoader)
        .buildThreadSafeFory();
  }

  @Override
  public Object copy(Object value) {
    return fory.copy(value);
  }

  @Override
  public byte[] encode(Object value) {
    return fory.serialize(value);
  }

  @Override
  public Object decode(byte[] bytes) {
    return fory.deserialize(bytes);
  }
}
