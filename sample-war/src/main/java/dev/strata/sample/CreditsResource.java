package dev.strata.sample;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code /api/credits}: a user's balance, from the {@code credits} cache ({@link Credits});
 * {@code PUT /api/credits/{user}/recorded} with a number changes it in this server's database only;
 * {@code /api/credits/stats} counts the database's reads.
 */
@Path("/credits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CreditsResource {

  @Inject
  Credits credits;

  @GET
  @Path("/{user}")
  public Map<String, Object> balance(@PathParam("user") String user) throws InterruptedException {
    Credits.inRequest(true);
    try {
      return Map.of("user", user, "balance", credits.balance(user));
    } finally {
      Credits.inRequest(false);
    }
  }

  @PUT
  @Path("/{user}/recorded")
  public Map<String, Object> record(@PathParam("user") String user, String balance) {
    long value;
    try {
      value = Long.parseLong(balance.trim());
    } catch (NumberFormatException e) {
      throw new jakarta.ws.rs.BadRequestException("The balance of user '" + user + "' must be a whole number of "
          + "credits, such as 0 or 250; got '" + balance + "'");
    }
    credits.record(user, value);
    return Map.of("user", user, "recorded", value);
  }

  @GET
  @Path("/stats")
  public Map<String, Long> stats() {
    return credits.stats();
  }
}
