package dev.strata.ee.management;

import java.lang.System.Logger.Level;

/**
 * The audit trail of the management API: one INFO line per change, naming who, what, which cache
 * and how many entries, as {@code key=value}. Stateless and thread-safe.
 */
final class Audit {

  private static final System.Logger LOG = System.getLogger("dev.strata.ee.management.audit");

  /**
   * @param caches  the cache or caches changed, as the request named them
   * @param entries how many entries it affected; negative where that is not known
   */
  void changed(Call call, String caches, long entries) {
    LOG.log(Level.INFO, "Strata management change: user={0} action=\"{1}\" cache={2} entries={3}",
        call.caller().name(), call.route(), caches, entries < 0 ? "unknown" : Long.toString(entries));
  }
}
