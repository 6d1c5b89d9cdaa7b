package dev.strata.ee.warming;

import java.util.Map;
import javax.cache.Cache;

/** Where the entries that warm one cache come from: a {@code CacheWarmer} bean or configured loader keys. */
interface WarmingSource {

  /** How many entries go to the cache in one {@code putAll}: progress moves per batch. */
  int BATCH = 100;

  /** Loads the entries and hands them to {@code sink}, in batches of at most {@link #BATCH}. */
  void load(Cache<Object, Object> cache, Sink sink) throws Exception;

  /** Takes what a source loaded. */
  interface Sink {

    /** The number of entries (or keys) the source will go through, once it knows. */
    void total(long items);

    /** Puts {@code entries}, which came from going through {@code items} entries or keys. */
    void put(Map<?, ?> entries, int items);
  }
}
