package dev.strata.ee.management;

/**
 * Who sent a management request, as the container authenticated them.
 *
 * @param name    the remote user; null when the request carried no credentials
 * @param admin   whether the caller has the {@code strata-admin} role
 * @param monitor whether the caller has the {@code strata-monitor} role
 */
record Caller(String name, boolean admin, boolean monitor) {

  static final String ADMIN = "strata-admin";
  static final String MONITOR = "strata-monitor";

  boolean authenticated() {
    return name != null;
  }

  /** @return whether the caller may send a request that changes something ({@code write}) or one that only reads */
  boolean may(boolean write) {
    return write ? admin : admin || monitor;
  }
}
