package dev.strata.cache.internal;

import com.hazelcast.core.HazelcastInstance;
import dev.strata.cache.config.ProviderSettings;
import java.lang.System.Logger.Level;

/**
 * The Hazelcast instance of one provider and URI, shared by that URI's cache managers (one per
 * class loader). It starts on first use, and Strata shuts it down when the last manager using it
 * closes, unless the application owns it. Thread-safe.
 */
public final class ClusterHandle {

  private static final System.Logger LOG = System.getLogger(ClusterHandle.class.getName());

  private final ProviderSettings settings;
  private final ClassLoader classLoader;
  private HazelcastInstance instance;
  private ClusterWatch watch;
  private boolean owned;
  private int users;

  public ClusterHandle(ProviderSettings settings, ClassLoader classLoader) {
    this.settings = settings;
    this.classLoader = classLoader;
  }

  public ProviderSettings settings() {
    return settings;
  }

  /**
   * @return the instance, started now if this handle has none yet. An instance that stopped on
   *     its own is returned as it is, not replaced: the caches hold its maps, and a fresh empty
   *     member behind their backs would be worse than the clear failure of a stopped one.
   */
  public synchronized HazelcastInstance instance() {
    if (instance == null) {
      HazelcastFactory.Started started = HazelcastFactory.start(settings, classLoader);
      instance = started.instance();
      owned = started.owned();
      watch = ClusterWatch.attach(instance);
      LOG.log(Level.DEBUG, "hazelcast.start {0} name={1}", settings.describe(), instance.getName());
    }
    return instance;
  }

  /** @return the watch of the running instance */
  public synchronized ClusterWatch watch() {
    instance();
    return watch;
  }

  /** @return the instance this handle started, running or not, or null before the first start; never starts one */
  public synchronized HazelcastInstance startedInstance() {
    return instance;
  }

  /** @return the instance if it is running, else null; never starts one */
  public synchronized HazelcastInstance runningInstance() {
    return instance != null && instance.getLifecycleService().isRunning() ? instance : null;
  }

  /** @return whether no cache manager uses this handle any more (its instance, if Strata owned it, has stopped) */
  public synchronized boolean idle() {
    return users == 0;
  }

  public synchronized void retain() {
    users++;
  }

  /** @return whether this was the last user, after which the instance is shut down */
  public synchronized boolean release() {
    users--;
    if (users > 0) {
      return false;
    }
    if (instance != null && owned) {
      instance.shutdown();
      LOG.log(Level.DEBUG, "hazelcast.stop {0}", settings.describe());
    }
    instance = null;
    watch = null;
    return true;
  }
}
