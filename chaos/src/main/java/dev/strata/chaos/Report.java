package dev.strata.chaos;

import java.util.List;
import java.util.Map;

/**
 * What {@link HistoryChecker} found in a run. The three guarantees hold when {@link #violations()}
 * is 0; reads in split windows and writes a merge discarded are reported, not counted.
 *
 * @param boundUs          the {@code max-staleness} checked against
 * @param ackedWrites      acknowledged writes in the histories
 * @param reads            reads that returned
 * @param failedReads      reads that threw (the cluster was away)
 * @param stale            reads past the staleness bound, outside split windows
 * @param staleInSplit     reads past the bound that started in a split window
 * @param readYourWrites   read-your-writes violations, outside split windows
 * @param readYourWritesInSplit read-your-writes misses that started in a split window
 * @param finalReadPairs   (node, key) pairs with final reads
 * @param lost             acknowledged writes that the final reads do not show
 * @param discardedByMerge acknowledged writes missing finally that were acknowledged during a split
 * @param missingFinal     (node, key) pairs with no final read
 * @param lagByPhase       the invalidation lag by the phase in which the write was acknowledged
 * @param staleByPhase     the reads of {@code stale} by the phase in which they started
 */
public record Report(long boundUs, long ackedWrites, long reads, long failedReads, Count stale, Count staleInSplit,
                     Count readYourWrites, Count readYourWritesInSplit, long finalReadPairs, List<String> lost,
                     List<String> discardedByMerge, List<String> missingFinal, Map<String, Lag> lagByPhase,
                     Map<String, Long> staleByPhase) {

  /**
   * How many times one rule was broken.
   *
   * @param count    how many reads
   * @param worstUs  the largest amount: lateness past the bound, or time since the missed own ack
   * @param examples the first few, as sentences
   */
  public record Count(long count, long worstUs, List<String> examples) {
    @Override
    public String toString() {
      return count == 0 ? "0" : String.format("%d (worst %.1f ms)", count, worstUs / 1000.0);
    }
  }

  /** @return staleness violations + lost acknowledged writes + read-your-writes violations */
  public long violations() {
    return stale.count() + lost.size() + readYourWrites.count();
  }

  /** @return the report as the docs show it */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("max-staleness %d ms; %d acknowledged writes, %d reads (%d failed while the cluster was away)%n",
        boundUs / 1000, ackedWrites, reads, failedReads));
    out.append("staleness violations:        ").append(stale).append('\n');
    if (!staleByPhase.isEmpty()) {
      out.append("    by the phase of the read:");
      lagByPhase.keySet().stream().filter(staleByPhase::containsKey)
          .forEach(phase -> out.append(' ').append(phase).append(' ').append(staleByPhase.get(phase)));
      out.append('\n');
    }
    examples(out, stale.examples());
    out.append("lost acknowledged writes:    ").append(lost.size()).append(" (of ").append(finalReadPairs)
        .append(" node/key final reads)\n");
    examples(out, lost);
    out.append("read-your-writes violations: ").append(readYourWrites).append('\n');
    examples(out, readYourWrites.examples());
    out.append("in split windows, not counted: late reads ").append(staleInSplit)
        .append(", read-your-writes misses ").append(readYourWritesInSplit).append('\n');
    examples(out, staleInSplit.examples());
    out.append("discarded by the merge policy: ").append(discardedByMerge.size()).append('\n');
    examples(out, discardedByMerge);
    if (!missingFinal.isEmpty()) {
      out.append("no final read for: ").append(missingFinal).append('\n');
    }
    out.append("invalidation lag, by the phase of the write:\n");
    lagByPhase.forEach((phase, lag) -> out.append(String.format("  %-14s %s%n", phase, lag)));
    return out.toString();
  }

  private static void examples(StringBuilder out, List<String> examples) {
    for (int i = 0; i < Math.min(examples.size(), 5); i++) {
      out.append("    e.g. ").append(examples.get(i)).append('\n');
    }
  }
}
