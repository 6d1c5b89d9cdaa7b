package dev.strata.chaos;

/**
 * A named stretch of a run, in epoch microseconds: a phase (steady, kill, pause, ...) that the
 * invalidation lag is reported by, or a split window whose reads are reported apart.
 *
 * @param name   what happened in it
 * @param fromUs its start, inclusive
 * @param toUs   its end, exclusive
 */
public record Window(String name, long fromUs, long toUs) {

  /** @return whether {@code us} falls in this window */
  public boolean contains(long us) {
    return us >= fromUs && us < toUs;
  }
}
