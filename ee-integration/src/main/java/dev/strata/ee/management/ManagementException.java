package dev.strata.ee.management;

/**
 * A request the management API refuses, with the HTTP status and the message its JSON error names.
 * Immutable.
 */
final class ManagementException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  ManagementException(int status, String message) {
    super(message);
    this.status = status;
  }

  static ManagementException badRequest(String message) {
    return new ManagementException(400, message);
  }

  static ManagementException notFound(String message) {
    return new ManagementException(404, message);
  }

  int status() {
    return status;
  }
}
