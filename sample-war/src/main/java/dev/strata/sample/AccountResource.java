package dev.strata.sample;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/**
 * {@code /api/account}: the signed-in user. WEB-INF/web.xml puts it behind BASIC authentication;
 * on a server with {@code appSecurity} and an {@code <authCache>} (server-config/liberty-sessions)
 * the authenticated user is kept in the shared authentication cache. A server without
 * {@code appSecurity} authenticates nobody, and this answers 401.
 */
@Path("/account")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

  @GET
  public Map<String, Object> user(@Context SecurityContext security) {
    if (security.getUserPrincipal() == null) {
      throw new NotAuthorizedException("Sign in with BASIC authentication", "Basic realm=\"StrataSample\"");
    }
    return Map.of("user", security.getUserPrincipal().getName());
  }
}
