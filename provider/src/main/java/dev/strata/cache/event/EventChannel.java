package dev.strata.cache.event;

import java.util.function.Consumer;

/**
 * What event delivery needs from L2: the application form of keys and records, and a cluster-wide
 * topic for the changes other JVMs make. L2 ({@code RemoteTier}) is one; the dispatcher knows no
 * more of it than this. Implementations are thread-safe.
 */
public interface EventChannel {

  /** @return the application key of a tier key (a fresh copy for encoded keys) */
  Object appKey(Object tierKey);

  /** @return the record's value, decoded afresh */
  Object value(Object record);

  /** Sends an encoded event to every JVM subscribed with {@link #onMessage}, asynchronously. */
  void publish(byte[] message);

  /** @return a handle that unsubscribes */
  AutoCloseable onMessage(Consumer<byte[]> handler);
}
