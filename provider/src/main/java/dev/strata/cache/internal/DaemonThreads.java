package dev.strata.cache.internal;

import java.util.concurrent.ThreadFactory;

/**
 * Makes the provider's own threads: daemons, so that a cache left open never keeps a JVM alive,
 * named after their job and cache so that a thread dump says whose they are. Thread-safe.
 */
public final class DaemonThreads {

  private DaemonThreads() {
  }

  /** @return a factory of daemon threads all named {@code name} */
  public static ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
