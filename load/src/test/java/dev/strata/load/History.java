package dev.strata.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every request of a run, as the clients saw it, and the check of the reads against the writes.
 * Times are milliseconds since the run began, on the load generator's clock. Thread-safe to record;
 * check once recording is over.
 */
final class History {

  /** One request: a read of a product, or a write of its name. */
  record Op(boolean write, int key, int server, double start, double end, boolean ok, String value) {
  }

  /** A read that returned a name that a later write had replaced more than the bound before the read began. */
  record Violation(Op read, Op writtenBy, Op replacedBy) {
  }

  private final Queue<Op> ops = new ConcurrentLinkedQueue<>();

  void add(Op op) {
    ops.add(op);
  }

  List<Op> ops() {
    return List.copyOf(ops);
  }

  /**
   * Reads staler than {@code boundMillis}. A read returns the name of some write (or the initial
   * {@code Product <id>}); it is stale when an acknowledged write of that key began after the
   * returned name's write had ended, and ended more than the bound before the read began: the
   * returned name had certainly been replaced by then. A write that failed or was cut off may or may
   * not have happened, so its name is a possible answer and never replaces another. A name no write
   * wrote is a violation too.
   */
  List<Violation> stale(double boundMillis) {
    Map<Integer, List<Op>> writes = new HashMap<>();
    Map<String, Op> byValue = new HashMap<>();
    for (Op op : ops) {
      if (op.write()) {
        writes.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        byValue.put(op.value(), op);
      }
    }
    for (List<Op> list : writes.values()) {
      list.sort(Comparator.comparingDouble(Op::end));
    }
    List<Violation> violations = new ArrayList<>();
    for (Op read : ops) {
      if (read.write() || !read.ok()) {
        continue;
      }
      Op writtenBy = read.value().equals("Product " + read.key()) ? null : byValue.get(read.value());
      if (writtenBy == null && !read.value().equals("Product " + read.key())) {
        violations.add(new Violation(read, null, null));
        continue;
      }
      double writtenEnd = writtenBy == null ? Double.NEGATIVE_INFINITY : writtenBy.end();
      for (Op write : writes.getOrDefault(read.key(), List.of())) {
        if (write.end() + boundMillis >= read.start()) {
          break;
        }
        if (write.ok() && write.start() > writtenEnd) {
          violations.add(new Violation(read, writtenBy, write));
          break;
        }
      }
    }
    return violations;
  }
}
