package dev.strata.tck;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.logging.Logger;
import org.junit.After;
import org.junit.Test;

/**
 * The runner's count of excluded tests must hear every excluder of the TCK, the anonymous ones
 * declared inside the test classes included. Runs in its own surefire execution, never beside
 * the TCK, whose counts it would change.
 */
public class ExclusionLogTest {

  private final ExclusionLog log = ExclusionLog.attach();

  @After
  public void detach() {
    log.detach();
  }

  @Test
  public void excluded_loggedByTheTestutilExcluderAndByAnonymousExcludersInTestClasses_areAllCounted() {
    String[] loggers = {"org.jsr107.tck.testutil.ExcludeListExcluder", "org.jsr107.tck.CacheTest$1",
        "org.jsr107.tck.CacheManagerTest$1", "org.jsr107.tck.TypesTest$1", "org.jsr107.tck.annotation.AbstractInterceptionTest$1",
        "org.jsr107.tck.event.CacheListenerTest$1", "org.jsr107.tck.management.CacheMBStatisticsBeanTest$3"};
    for (String name : loggers) {
      Logger.getLogger(name).info(ExclusionLog.EXCLUDING + " '" + name + "'\t'someTest'.");
    }
    Logger.getLogger("org.jsr107.tck.CacheTest").info("an ordinary line");

    List<String> excluded = log.excluded();

    assertEquals(loggers.length, excluded.size());
    assertEquals("org.jsr107.tck.CacheTest$1#someTest", excluded.get(1));
  }
}
