package dev.strata.cache.tier;

/**
 * What a {@link Plan} decided for one key, and what the mutation saw: the record to leave in L2
 * ({@link TieredStore#KEEP}, {@link TieredStore#DELETE} or a record), the record the decision was
 * taken on, whether that record was live, and whether the operation did what it asked (stored,
 * removed or replaced). {@code held} is the instance a store-by-reference L1 held for
 * {@code previous}, filled in by the store, so an old value hands back that very instance.
 *
 * @param next     KEEP, DELETE, or the record now in L2
 * @param previous the record found in L2, live or expired; null if none
 * @param found    whether {@code previous} was live
 * @param applied  whether the operation took effect (a put stored, a remove removed, a replace replaced)
 * @param held     the instance L1 held for {@code previous}, or null
 */
public record Decision(Object next, Object previous, boolean found, boolean applied, Object held) {

  /** @return the record this decision left in L2, or null if it kept or removed the entry */
  public Object stored() {
    return next == TieredStore.KEEP || next == TieredStore.DELETE ? null : next;
  }

  /** @return the live record this decision replaced or removed, or null */
  public Object live() {
    return found ? previous : null;
  }

  Decision withHeld(Object instance) {
    return new Decision(next, previous, found, applied, instance);
  }
}
