package dev.strata.sample;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every {@link WebApplicationException} (a 400, 404, 401 ...) answers its status, and headers such as
 * {@code WWW-Authenticate}, with the error JSON naming the problem instead of an empty body.
 */
@Provider
public class ClientErrorMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException exception) {
    Response response = exception.getResponse();
    String message = exception.getMessage() != null ? exception.getMessage()
        : response.getStatusInfo().getReasonPhrase();
    return ErrorBody.of(response, message);
  }
}
