package dev.strata.cache.event;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * Delivers the changes a cache makes to its registered JSR-107 listeners. Synchronous listeners
 * are called on the thread that made the change, before the operation returns; asynchronous ones
 * on one thread per cache, in order. While a cache has listeners in this JVM it also publishes its
 * changes to the cluster, and delivers the changes other JVMs publish (asynchronously, whatever
 * the registration says: a listener is synchronous only for its own JVM's writes). Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class EventDispatcher<K, V> {

  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

  private final String cacheName;
  private volatile Cache<K, V> source;
  private final EventChannel tier;
  private final ThreadFactory threads;
  private final UUID origin = UUID.randomUUID();
  private final List<Registration<K, V>> registrations = new CopyOnWriteArrayList<>();
  private ExecutorService async;
  private AutoCloseable subscription;

  /** @param threads makes the one thread that delivers to asynchronous listeners, when one is needed */
  public EventDispatcher(String cacheName, EventChannel tier, ThreadFactory threads) {
    this.cacheName = cacheName;
    this.threads = threads;
    this.tier = tier;
  }

  /** Names the cache that events come from; called once, as the cache is built, before any event. */
  public void bind(Cache<K, V> cache) {
    this.source = cache;
  }

  /** @return whether any listener is registered: when not, callers need not build changes */
  public boolean active() {
    return !registrations.isEmpty();
  }

  /**
   * Registers a listener.
   *
   * @throws IllegalArgumentException if an equal configuration is already registered
   */
  public synchronized void register(CacheEntryListenerConfiguration<K, V> configuration) {
    for (Registration<K, V> registration : registrations) {
      if (registration.configuration.equals(configuration)) {
        throw new IllegalArgumentException("Cache '" + cacheName
            + "' already has this listener configuration registered: " + configuration);
      }
    }
    Factory<CacheEntryListener<? super K, ? super V>> listenerFactory = configuration.getCacheEntryListenerFactory();
    if (listenerFactory == null) {
      throw new IllegalArgumentException("Cache '" + cacheName
          + "': a listener configuration must have a listener factory");
    }
    Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory = configuration.getCacheEntryEventFilterFactory();
    registrations.add(new Registration<>(configuration, listenerFactory.create(),
        filterFactory == null ? null : filterFactory.create()));
    if (!configuration.isSynchronous()) {
      executorForRemote();
    }
    if (subscription == null) {
      subscription = tier.onMessage(this::receive);
    }
  }

  /** Removes a listener; unknown configurations are ignored, as the spec allows. */
  public synchronized void deregister(CacheEntryListenerConfiguration<K, V> configuration) {
    for (Registration<K, V> registration : registrations) {
      if (registration.configuration.equals(configuration)) {
        registrations.remove(registration);
        closeQuietly(registration.listener);
        closeQuietly(registration.filter);
      }
    }
    if (registrations.isEmpty()) {
      unsubscribe();
    }
  }

  /** Deregisters everything and stops the delivery thread. */
  public synchronized void close() {
    for (Registration<K, V> registration : registrations) {
      closeQuietly(registration.listener);
      closeQuietly(registration.filter);
    }
    registrations.clear();
    unsubscribe();
    if (async != null) {
      async.shutdown();
      async = null;
    }
  }

  private void unsubscribe() {
    if (subscription != null) {
      closeQuietly(subscription);
      subscription = null;
    }
  }

  /**
   * Delivers changes made by this JVM, and publishes them to the cluster.
   *
   * @throws CacheEntryListenerException if a synchronous listener failed
   */
  public void dispatch(List<Change> changes) {
    if (changes.isEmpty() || registrations.isEmpty()) {
      return;
    }
    for (Change change : changes) {
      tier.publish(encode(change));
    }
    deliver(changes, false);
  }

  public void dispatch(Change change) {
    if (registrations.isEmpty()) {
      return;
    }
    dispatch(List.of(change));
  }

  private void deliver(List<Change> changes, boolean remote) {
    RuntimeException failure = null;
    List<Decoded> decoded = new ArrayList<>(changes.size());
    for (Change change : changes) {
      decoded.add(new Decoded(change));
    }
    for (Registration<K, V> registration : registrations) {
      if (registration.configuration.isSynchronous() && !remote) {
        try {
          registration.deliver(source, decoded);
        } catch (RuntimeException e) {
          failure = failure == null ? e : failure;
        }
      } else {
        ExecutorService executor = async;
        if (executor == null || remote) {
          executor = executorForRemote();
        }
        executor.execute(() -> {
          try {
            registration.deliver(source, decoded);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Listener of cache ''{0}'' failed: {1}", cacheName, e);
          }
        });
      }
    }
    if (failure != null) {
      throw failure instanceof CacheEntryListenerException ? failure
          : new CacheEntryListenerException("A synchronous listener of cache '" + cacheName + "' failed", failure);
    }
  }

  private synchronized ExecutorService executorForRemote() {
    if (async == null) {
      async = Executors.newSingleThreadExecutor(threads);
    }
    return async;
  }

  private void receive(byte[] message) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(message))) {
      UUID from = new UUID(in.readLong(), in.readLong());
      if (origin.equals(from)) {
        return; // already delivered on the thread that made the change
      }
      EventType type = EventType.values()[in.readByte()];
      byte[] tierKey = readBytes(in);
      byte[] record = readBytes(in);
      byte[] oldRecord = readBytes(in);
      deliver(List.of(new Change(type, tier.appKey(tierKey), tierKey, record, oldRecord)), true);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Dropped a cluster event of cache ''{0}'': {1}", cacheName, e);
    }
  }

  private byte[] encode(Change change) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(origin.getMostSignificantBits());
      out.writeLong(origin.getLeastSignificantBits());
      out.writeByte(change.type().ordinal());
      writeBytes(out, (byte[]) change.tierKey());
      writeBytes(out, (byte[]) change.record());
      writeBytes(out, (byte[]) change.oldRecord());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    if (bytes == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  private static void closeQuietly(Object resource) {
    if (resource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.DEBUG, "close failed: {0}", e);
      }
    } else if (resource instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "close failed: {0}", e);
      }
    }
  }

  /** A change whose values are decoded once, on first use, for every listener. */
  private final class Decoded {
    final Change change;
    private Object value;
    private Object oldValue;
    private boolean valueDone;
    private boolean oldDone;

    Decoded(Change change) {
      this.change = change;
    }

    synchronized Object value() {
      if (!valueDone) {
        Object record = change.type() == EventType.REMOVED || change.type() == EventType.EXPIRED
            ? change.oldRecord() : change.record();
        value = record == null ? null : tier.value(record);
        valueDone = true;
      }
      return value;
    }

    synchronized Object oldValue() {
      if (!oldDone) {
        oldValue = change.oldRecord() == null ? null : tier.value(change.oldRecord());
        oldDone = true;
      }
      return oldValue;
    }
  }

  /** One registered listener with its filter. */
  private static final class Registration<K, V> {
    final CacheEntryListenerConfiguration<K, V> configuration;
    final CacheEntryListener<? super K, ? super V> listener;
    final CacheEntryEventFilter<? super K, ? super V> filter;

    Registration(CacheEntryListenerConfiguration<K, V> configuration,
                 CacheEntryListener<? super K, ? super V> listener,
                 CacheEntryEventFilter<? super K, ? super V> filter) {
      this.configuration = configuration;
      this.listener = listener;
      this.filter = filter;
    }

    boolean accepts(EventType type) {
      switch (type) {
        case CREATED:
          return listener instanceof CacheEntryCreatedListener;
        case UPDATED:
          return listener instanceof CacheEntryUpdatedListener;
        case REMOVED:
          return listener instanceof CacheEntryRemovedListener;
        case EXPIRED:
          return listener instanceof CacheEntryExpiredListener;
        default:
          return false;
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void deliver(Cache<K, V> source, List<EventDispatcher<K, V>.Decoded> changes) {
      boolean old = configuration.isOldValueRequired();
      for (EventDispatcher<K, V>.Decoded decoded : changes) {
        EventType type = decoded.change.type();
        if (!accepts(type)) {
          continue;
        }
        Object value;
        Object oldValue;
        boolean oldAvailable;
        switch (type) {
          case CREATED:
            value = decoded.value();
            oldValue = null;
            oldAvailable = false;
            break;
          case UPDATED:
            value = decoded.value();
            oldValue = old ? decoded.oldValue() : null;
            oldAvailable = old;
            break;
          default: // REMOVED, EXPIRED: the value is the old value
            value = old ? decoded.value() : null;
            oldValue = value;
            oldAvailable = old;
        }
        StrataCacheEntryEvent event = new StrataCacheEntryEvent(source, type, decoded.change.key(), value, oldValue, oldAvailable);
        if (filter != null && !((CacheEntryEventFilter) filter).evaluate(event)) {
          continue;
        }
        Iterable events = List.of(event);
        switch (type) {
          case CREATED:
            ((CacheEntryCreatedListener) listener).onCreated(events);
            break;
          case UPDATED:
            ((CacheEntryUpdatedListener) listener).onUpdated(events);
            break;
          case REMOVED:
            ((CacheEntryRemovedListener) listener).onRemoved(events);
            break;
          default:
            ((CacheEntryExpiredListener) listener).onExpired(events);
        }
      }
    }
  }
}
