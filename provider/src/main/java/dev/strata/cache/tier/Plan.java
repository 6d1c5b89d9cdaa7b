package dev.strata.cache.tier;

/**
 * Decides, from the entry a mutation found, what L2 should hold next. Runs once under the key lock,
 * or again after losing a compare-and-set race, so it must decide from {@code step} alone; a
 * writer or entry processor it calls runs only under the lock.
 */
@FunctionalInterface
public interface Plan {

  Decision decide(Step step);
}
