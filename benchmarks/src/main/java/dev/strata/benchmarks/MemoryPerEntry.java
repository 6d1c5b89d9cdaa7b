package dev.strata.benchmarks;

import dev.strata.benchmarks.Values.ValueKind;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Heap per cached entry in this JVM, for one subject: the heap after a full collection, before
 * and after caching {@code entries} entries (each with its own key and its own value of one
 * {@link ValueKind}, read back so near caches and L1s hold them), divided by the count. The
 * caller's own references are dropped before the second measure, so only what the cache keeps is
 * counted. For Strata in
 * client mode and Hazelcast's client, this JVM holds only the near tier: the figure is the cost
 * of an L1 (Near Cache) entry. For Strata on an embedded member it is L1 plus the member's copy.
 * Not a JMH benchmark: JMH measures time, not retained memory.
 *
 * <p>Arguments: provider, value kind, store-by-value, entries, output CSV (appended).
 */
public final class MemoryPerEntry {

  private MemoryPerEntry() {
  }

  public static void main(String[] args) throws IOException {
    String provider = args[0];
    ValueKind kind = ValueKind.valueOf(args[1]);
    boolean storeByValue = Boolean.parseBoolean(args[2]);
    int entries = Integer.parseInt(args[3]);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (Subject subject = Subject.create(provider, storeByValue, "PT1H")) {
      subject.put("warm-up", "warm-up");
      subject.get("warm-up");
      long before = usedAfterGc(memory);
      fill(subject, entries, kind);
      long after = usedAfterGc(memory);
      long perEntry = Math.round((after - before) / (double) entries);
      String line = String.join(",", provider, kind.name(), Boolean.toString(storeByValue),
          Integer.toString(entries), Long.toString(perEntry)) + "\n";
      System.out.print("memory per entry: " + line);
      if (args.length > 4) {
        Files.writeString(Path.of(args[4]), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    }
  }

  /** Fills the subject; its keys and values go out of scope when this returns. */
  private static void fill(Subject subject, int entries, ValueKind kind) {
    String[] keys = new String[entries];
    Object[] values = new Object[entries];
    for (int i = 0; i < entries; i++) {
      keys[i] = String.format("key-%07d", i);
      values[i] = kind.create(i);
    }
    subject.load(keys, values);
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    // settle: a few full collections, the lowest reading wins (background threads allocate too)
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
