package dev.strata.sample;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;

/**
 * Everything that is not a {@code WebApplicationException}. A body that JSON-B could not read (malformed
 * JSON, a field of the wrong type) reaches the application as a processing failure whose cause is a
 * {@link JsonbException}: that is the client's mistake, a 400 naming what the parser said. Anything
 * else is a 500 with the exception's type, logged with its stack.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Exception> {

  private static final System.Logger LOG = System.getLogger(UnexpectedErrorMapper.class.getName());

  @Override
  public Response toResponse(Exception exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonbException || cause instanceof JsonException) {
        return ErrorBody.of(Response.status(Response.Status.BAD_REQUEST).build(),
            "Malformed JSON body: " + innermost(cause).getMessage());
      }
    }
    LOG.log(Level.ERROR, "Catalog request failed", exception);
    return ErrorBody.of(Response.serverError().build(), "Internal error (" + exception.getClass().getSimpleName()
        + "); the server log has the details");
  }

  /** JSON-B wraps the parser's message, which says where the input went wrong. */
  private static Throwable innermost(Throwable failure) {
    Throwable deepest = failure;
    while (deepest.getCause() != null && deepest.getCause().getMessage() != null) {
      deepest = deepest.getCause();
    }
    return deepest;
  }
}
