package dev.strata.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks a run's merged histories against Strata's consistency guarantees (README, "Consistency
 * guarantees"). Every key has one writer node, whose sequence numbers only grow. The rules:
 *
 * <ul>
 *   <li><b>Staleness bound.</b> A read that started at {@code tR} and returned {@code s} is late
 *       if a write of some {@code s' > s} to that key was acknowledged at
 *       {@code tW < tR - max-staleness - EPSILON}. Its lateness is {@code tR - tW - max-staleness}
 *       for the earliest such write.</li>
 *   <li><b>Read-your-writes.</b> On the writer's JVM (same node, same incarnation), a read that
 *       started after that JVM's own ack of {@code s} must return at least {@code s}.</li>
 *   <li><b>Lost acknowledged writes.</b> Every final read (one that started at or after the final
 *       instant, when writers have stopped and {@code max-staleness} has passed) must return at
 *       least the key's last acknowledged sequence. Where the write it misses was acknowledged
 *       inside a split window, the merge policy discarded it: that is reported apart.</li>
 *   <li><b>Split windows.</b> Reads that start inside a split window (from the cut to the merge
 *       plus {@code max-staleness}) that would break either read rule are counted apart, not as
 *       violations: each side serves what its own side's L2 holds.</li>
 *   <li><b>Invalidation lag.</b> For each acknowledged write and each other node, the completion
 *       time of that node's first read returning at least its sequence, minus the ack time (0 if
 *       the read completed before the ack): an upper bound, since reads are periodic. Reported by
 *       the phase in which the write was acknowledged.</li>
 * </ul>
 *
 * <p>Use: {@link #write} every acknowledged write first, then {@link #read} every read, in time
 * order per node, incarnation and key; then {@link #report}. {@link #check(Path, Duration, List, List, long)}
 * does this for a run folder. Not thread-safe.
 */
public final class HistoryChecker {

  /** Allowance for the wall clock's granularity (history times are taken with microsecond precision). */
  public static final long EPSILON_MICROS = 1_000;
  private static final int EXAMPLES = 5;
  private static final int TIME_DIGITS = 16;

  private final long boundUs;
  private final List<Window> phases;
  private final List<Window> splits;
  private final long finalFromUs;
  private final Map<String, List<Write>> pending = new HashMap<>();
  private Map<String, KeyWrites> writes;

  private long reads;
  private long failedReads;
  private final Violations stale = new Violations();
  private final Violations staleInSplit = new Violations();
  /** Reads past the bound outside split windows, by the phase in which the read started. */
  private final Map<String, Long> staleByPhase = new LinkedHashMap<>();
  private final Violations ryw = new Violations();
  private final Violations rywInSplit = new Violations();
  private final Map<String, Long> lagCursor = new HashMap<>();
  private final Map<String, List<Long>> lags = new LinkedHashMap<>();
  private final Map<String, Long> finalMin = new HashMap<>();
  private final TreeSet<String> nodes = new TreeSet<>();

  /**
   * @param maxStaleness the caches' {@code max-staleness}
   * @param phases       the run's phases, for the lag distribution
   * @param splits       the split windows: from the cut to the merge plus {@code max-staleness}
   * @param finalFromUs  reads that start at or after this instant are final reads
   */
  public HistoryChecker(Duration maxStaleness, List<Window> phases, List<Window> splits, long finalFromUs) {
    this.boundUs = maxStaleness.toNanos() / 1_000;
    this.phases = List.copyOf(phases);
    this.splits = List.copyOf(splits);
    this.finalFromUs = finalFromUs;
    for (Window phase : phases) {
      lags.put(phase.name(), new ArrayList<>());
    }
  }

  /** An acknowledged write, by {@code node} in its {@code incarnation}. */
  public void write(String node, int incarnation, String key, long seq, long ackUs) {
    if (writes != null) {
      throw new IllegalStateException("every write must be given before the first read");
    }
    pending.computeIfAbsent(key, k -> new ArrayList<>()).add(new Write(node, incarnation, seq, ackUs));
  }

  /**
   * A read by {@code node} in its {@code incarnation} that returned {@code seq} (0: no value). The
   * reads of one key on one node must come in the order they completed (the lag takes the first).
   */
  public void read(String node, int incarnation, String key, long seq, long startUs, long endUs) {
    if (writes == null) {
      index();
    }
    reads++;
    nodes.add(node);
    KeyWrites kw = writes.getOrDefault(key, KeyWrites.EMPTY);
    boolean inSplit = inSplit(startUs);
    checkStaleness(node, key, seq, startUs, kw, inSplit);
    checkReadYourWrites(node, incarnation, key, seq, startUs, kw, inSplit);
    recordLag(node, key, seq, endUs, kw);
    if (startUs >= finalFromUs) {
      finalMin.merge(node + " " + key, seq, Math::min);
    }
  }

  /** A read that threw (the cluster was away): no value to check. */
  public void failedRead() {
    failedReads++;
  }

  private void index() {
    writes = new HashMap<>();
    pending.forEach((key, list) -> {
      list.sort(Comparator.comparingLong(Write::seq));
      writes.put(key, new KeyWrites(list.toArray(new Write[0])));
    });
  }

  private boolean inSplit(long us) {
    for (Window split : splits) {
      if (split.contains(us)) {
        return true;
      }
    }
    return false;
  }

  private void checkStaleness(String node, String key, long seq, long startUs, KeyWrites kw, boolean inSplit) {
    Write newer = kw.firstAbove(seq);
    if (newer == null) {
      return;
    }
    long lateness = startUs - newer.ackUs() - boundUs;
    if (lateness > EPSILON_MICROS) {
      if (!inSplit) {
        staleByPhase.merge(String.valueOf(phaseOf(startUs)), 1L, Long::sum);
      }
      (inSplit ? staleInSplit : stale).add(lateness, String.format(
          "%s read %s=%d at %d, but %d was acknowledged at %d: %.1f ms past max-staleness",
          node, key, seq, startUs, newer.seq(), newer.ackUs(), lateness / 1000.0));
    }
  }

  private void checkReadYourWrites(String node, int incarnation, String key, long seq, long startUs, KeyWrites kw,
                                   boolean inSplit) {
    Write own = kw.lastAckedBefore(startUs);
    if (own != null && own.node().equals(node) && own.incarnation() == incarnation && seq < own.seq()) {
      long behind = startUs - own.ackUs();
      (inSplit ? rywInSplit : ryw).add(behind, String.format(
          "%s read %s=%d at %d, after its own write of %d was acknowledged at %d",
          node, key, seq, startUs, own.seq(), own.ackUs()));
    }
  }

  private void recordLag(String node, String key, long seq, long endUs, KeyWrites kw) {
    String cursorKey = node + " " + key;
    long cursor = lagCursor.getOrDefault(cursorKey, 0L);
    int i = (int) cursor;
    while (i < kw.all.length && kw.all[i].seq() <= seq) {
      Write w = kw.all[i];
      if (!w.node().equals(node)) {
        List<Long> phaseLags = lags.get(phaseOf(w.ackUs()));
        if (phaseLags != null) {
          phaseLags.add(Math.max(0, endUs - w.ackUs()));
        }
      }
      i++;
    }
    lagCursor.put(cursorKey, (long) i);
  }

  private String phaseOf(long us) {
    for (Window phase : phases) {
      if (phase.contains(us)) {
        return phase.name();
      }
    }
    return null;
  }

  /** @return the verdict on everything given so far */
  public Report report() {
    if (writes == null) {
      index();
    }
    List<String> lost = new ArrayList<>();
    List<String> discarded = new ArrayList<>();
    List<String> missingFinal = new ArrayList<>();
    long finalReadPairs = 0;
    for (String node : nodes) {
      for (Map.Entry<String, KeyWrites> entry : new java.util.TreeMap<>(writes).entrySet()) {
        String key = entry.getKey();
        Write last = entry.getValue().last();
        if (last == null) {
          continue;
        }
        Long seen = finalMin.get(node + " " + key);
        if (seen == null) {
          missingFinal.add(node + " " + key);
          continue;
        }
        finalReadPairs++;
        if (seen < last.seq()) {
          Write missed = entry.getValue().firstAbove(seen);
          String line = node + " finally reads " + key + "=" + seen + ", but " + last.seq()
              + " was acknowledged at " + last.ackUs();
          if (inSplit(missed.ackUs())) {
            discarded.add(line + " (" + missed.seq() + " was acknowledged during a split)");
          } else {
            lost.add(line);
          }
        }
      }
    }
    Map<String, Lag> lagByPhase = new LinkedHashMap<>();
    lags.forEach((phase, values) -> lagByPhase.put(phase, Lag.of(values)));
    long acked = writes.values().stream().mapToLong(kw -> kw.all.length).sum();
    return new Report(boundUs, acked, reads, failedReads, stale.summary(), staleInSplit.summary(), ryw.summary(),
        rywInSplit.summary(), finalReadPairs, lost, discarded, missingFinal, lagByPhase, Map.copyOf(staleByPhase));
  }

  /**
   * Checks the run in {@code dir}: every {@code <node>.<incarnation>.log} written by {@link ChaosNode}.
   *
   * @param finalFromUs reads starting at or after it are final reads
   */
  public static Report check(Path dir, Duration maxStaleness, List<Window> phases, List<Window> splits,
                             long finalFromUs) throws IOException {
    List<Path> logs;
    try (Stream<Path> files = Files.list(dir)) {
      logs = files.filter(p -> p.getFileName().toString().matches("[^.]+\\.\\d+\\.log")).sorted().toList();
    }
    HistoryChecker checker = new HistoryChecker(maxStaleness, phases, splits, finalFromUs);
    for (Path log : logs) {
      forEachLine(log, (node, incarnation, f) -> {
        if (f[0].equals("W")) {
          checker.write(node, incarnation, f[1], Long.parseLong(f[2]), Long.parseLong(f[4]));
        }
      });
    }
    for (Path log : logs) {
      forEachLine(log, (node, incarnation, f) -> {
        if (f[0].equals("R")) {
          checker.read(node, incarnation, f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
        } else if (f[0].equals("F")) {
          checker.failedRead();
        }
      });
    }
    return checker.report();
  }

  private interface LineHandler {
    void line(String node, int incarnation, String[] fields);
  }

  private static void forEachLine(Path log, LineHandler handler) throws IOException {
    String[] name = log.getFileName().toString().split("\\.");
    String node = name[0];
    int incarnation = Integer.parseInt(name[1]);
    try (BufferedReader in = Files.newBufferedReader(log)) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] fields = line.split(" ");
        // a kill -9 can cut the last line short: every time has all 16 digits of epoch microseconds
        if (fields.length >= 4 && fields[fields.length - 1].length() == TIME_DIGITS
            && fields[fields.length - 2].length() == TIME_DIGITS) {
          handler.line(node, incarnation, fields);
        }
      }
    }
  }

  private record Write(String node, int incarnation, long seq, long ackUs) {
  }

  /** One key's acknowledged writes, in sequence order, which is also ack order: one writer per key. */
  private static final class KeyWrites {
    static final KeyWrites EMPTY = new KeyWrites(new Write[0]);
    final Write[] all;
    final long[] seqs;
    final long[] acks;

    KeyWrites(Write[] all) {
      this.all = all;
      this.seqs = Arrays.stream(all).mapToLong(Write::seq).toArray();
      this.acks = Arrays.stream(all).mapToLong(Write::ackUs).toArray();
    }

    /** @return the first acknowledged write with a sequence above {@code seq}, or null */
    Write firstAbove(long seq) {
      int i = Arrays.binarySearch(seqs, seq);
      i = i >= 0 ? i + 1 : -i - 1;
      return i < all.length ? all[i] : null;
    }

    /** @return the last write acknowledged before {@code us}, or null */
    Write lastAckedBefore(long us) {
      int i = Arrays.binarySearch(acks, us);
      i = i >= 0 ? i - 1 : -i - 2;
      return i >= 0 ? all[i] : null;
    }

    Write last() {
      return all.length == 0 ? null : all[all.length - 1];
    }
  }

  /** Counts violations of one rule, with the worst amount and the first few examples. */
  private static final class Violations {
    private long count;
    private long worstUs;
    private final List<String> examples = new ArrayList<>();

    void add(long amountUs, String example) {
      count++;
      worstUs = Math.max(worstUs, amountUs);
      if (examples.size() < EXAMPLES) {
        examples.add(example);
      }
    }

    Report.Count summary() {
      return new Report.Count(count, worstUs, List.copyOf(examples));
    }
  }
}
