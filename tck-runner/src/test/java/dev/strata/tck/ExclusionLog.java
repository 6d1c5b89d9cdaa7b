package dev.strata.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Hears the TCK say that it excludes a test. The TCK's excluders log "===== EXCLUDING TEST" on a
 * logger named after their own class, and several are anonymous subclasses declared in the test
 * classes themselves ({@code CacheTest$1}, {@code TypesTest$1}, {@code AbstractInterceptionTest$1},
 * the listener and MXBean tests), so their loggers sit under each test's package, not under the
 * TCK's {@code testutil}: only the root logger hears them all. Thread-safe.
 */
final class ExclusionLog extends Handler {

  static final String EXCLUDING = "===== EXCLUDING TEST";

  private final List<String> excluded = new ArrayList<>();

  /** @return a log attached to the root logger, where every logger's records arrive */
  static ExclusionLog attach() {
    ExclusionLog log = new ExclusionLog();
    Logger.getLogger("").addHandler(log);
    return log;
  }

  void detach() {
    Logger.getLogger("").removeHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    String message = record.getMessage();
    if (message != null && message.startsWith(EXCLUDING)) {
      // "===== EXCLUDING TEST 'org.jsr107.tck.CachingTest'\t'dummyTest'." as CachingTest#dummyTest
      String test = message.substring(EXCLUDING.length()).trim().replace("'", "").replace('\t', '#').replaceAll("\\.$", "");
      synchronized (excluded) {
        excluded.add(test);
      }
    }
  }

  /** @return the tests excluded so far, as {@code class#method} */
  List<String> excluded() {
    synchronized (excluded) {
      return new ArrayList<>(excluded);
    }
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
  }
}
