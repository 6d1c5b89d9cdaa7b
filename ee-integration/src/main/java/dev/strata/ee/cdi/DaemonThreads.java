package dev.strata.ee.cdi;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Makes daemon threads of one name, so that background work never keeps the JVM (or a server
 * shutting down) alive, and a thread dump says whose thread it is. As an {@link Executor} it runs
 * each task on a new such thread: for rare, one-off work such as starting L2. Thread-safe.
 */
public final class DaemonThreads implements ThreadFactory, Executor {

  private final String name;

  public DaemonThreads(String name) {
    this.name = name;
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void execute(Runnable task) {
    newThread(task).start();
  }
}
