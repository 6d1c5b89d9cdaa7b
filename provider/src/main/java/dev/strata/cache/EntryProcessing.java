package dev.strata.cache;

import dev.strata.cache.event.Change;
import dev.strata.cache.event.EventDispatcher;
import dev.strata.cache.tier.Decision;
import dev.strata.cache.tier.Encoder;
import dev.strata.cache.tier.JCacheExpiry;
import dev.strata.cache.tier.Step;
import dev.strata.cache.tier.TieredStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.CacheException;
import javax.cache.event.EventType;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * Runs an {@link EntryProcessor} on one entry of a cache: under the key's cluster-wide lock, so the
 * processor runs exactly once, and the net effect of what it did is applied in one step with the
 * writer, expiry, events and statistics a direct call would have. Thread-safe.
 */
final class EntryProcessing<K, V> {

  private final String cacheName;
  private final TieredStore<K> store;
  private final Encoder encoder;
  private final JCacheExpiry expiry;
  private final JCacheLoader<K, V> loader;
  private final JCacheWriter<K, V> writer;
  private final Counters counters;
  private final EventDispatcher<K, V> events;

  EntryProcessing(String cacheName, TieredStore<K> store, Encoder encoder, JCacheExpiry expiry,
                  JCacheLoader<K, V> loader, JCacheWriter<K, V> writer, Counters counters,
                  EventDispatcher<K, V> events) {
    this.cacheName = cacheName;
    this.store = store;
    this.encoder = encoder;
    this.expiry = expiry;
    this.loader = loader;
    this.writer = writer;
    this.counters = counters;
    this.events = events;
  }

  @SuppressWarnings("unchecked")
  <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    Object tk = encoder.key(key);
    ProcessedEntry<K, V> entry = new ProcessedEntry<>(key, record -> (V) encoder.value(record),
        loader.readThrough() ? loader::load : null);
    long started = counters.start();
    Decision decision = store.mutate(key, tk, TieredStore.Mode.LOCKED, null, step -> {
      entry.reset(step.live() ? step.old() : null);
      try {
        entry.returned(processor.process(entry, arguments));
      } catch (CacheException e) {
        throw e;
      } catch (Exception e) {
        throw new EntryProcessorException("The entry processor of cache '" + cacheName + "' failed on key " + key
            + ": " + e, e);
      }
      return decide(key, entry, step);
    });
    counters.l2Read(decision.found());
    counters.getTime(started);
    Change change = change(key, tk, entry, decision);
    if (change != null) {
      if (change.type() == EventType.REMOVED) {
        counters.removals(1);
      } else if (entry.action() != ProcessedEntry.Action.LOAD) {
        counters.puts(1);
      }
      events.dispatch(change);
    }
    return (T) entry.returned();
  }

  /** The spec's {@code invokeAll}: each key in turn, a failure kept as that key's result. */
  <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
                                                Object... arguments) {
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T result = invoke(key, processor, arguments);
        if (result != null) {
          results.put(key, () -> result);
        }
      } catch (Exception e) {
        EntryProcessorException failure = e instanceof EntryProcessorException epe ? epe : new EntryProcessorException(e);
        results.put(key, () -> {
          throw failure;
        });
      }
    }
    return results;
  }

  /** Turns what a processor did into a decision for L2; the writer is called here, under the lock. */
  private Decision decide(K key, ProcessedEntry<K, V> entry, Step step) {
    long now = step.now();
    switch (entry.action()) {
      case NONE:
        return step.keep();
      case READ:
        return step.accessed(expiry);
      case REMOVE:
        writer.delete(key);
        return step.live() ? step.remove() : step.expire();
      case LOAD:
      case CREATE: {
        if (entry.action() == ProcessedEntry.Action.CREATE) {
          writer.write(key, entry.newValue());
        }
        long expiresAt = expiry.creation(key, entry.newValue(), now);
        return expiresAt <= now ? step.expire() : step.store(encoder.record(entry.newValue(), expiresAt));
      }
      case UPDATE: {
        writer.write(key, entry.newValue());
        long expiresAt = expiry.update(key, entry.newValue(), step.expiresAt(), now);
        return expiresAt <= now ? step.expire() : step.store(encoder.record(entry.newValue(), expiresAt));
      }
      default:
        throw new IllegalStateException("unknown action " + entry.action());
    }
  }

  /** @return the event for what the processor did, or null if listeners have nothing to hear */
  private Change change(K key, Object tk, ProcessedEntry<K, V> entry, Decision decision) {
    Object live = decision.live();
    Object stored = decision.stored();
    return switch (entry.action()) {
      case REMOVE -> live != null ? Change.removed(key, tk, live) : null;
      case LOAD, CREATE -> stored != null ? Change.created(key, tk, stored) : null;
      case UPDATE -> stored != null ? Change.updated(key, tk, stored, live) : Change.expired(key, tk, live);
      default -> null;
    };
  }
}
