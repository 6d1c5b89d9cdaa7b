package dev.strata.sample;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code /api/users}: a user's profile and invoices (cached, tagged with the user), and the change
 * of plan that invalidates them on every server.
 */
@Path("/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  @Inject
  UserAccounts accounts;

  @GET
  @Path("/{id}")
  public Map<String, Object> get(@PathParam("id") long id) {
    return Map.of("id", id, "profile", accounts.profile(id), "invoices", accounts.invoices(id));
  }

  /**
   * Changes the user's plan (the body, as text) and invalidates the user's cached entries; with
   * {@code ?cache=keep}, writes the database only, as another application would.
   */
  @PUT
  @Path("/{id}/plan")
  @Consumes(MediaType.TEXT_PLAIN)
  public Map<String, Object> changePlan(@PathParam("id") long id, @QueryParam("cache") String cache, String plan) {
    if (plan == null || plan.isBlank()) {
      throw new BadRequestException("Send the new plan as the text body, e.g. gold");
    }
    if ("keep".equals(cache)) {
      accounts.recordPlan(id, plan.strip());
    } else {
      accounts.changePlan(id, plan.strip());
    }
    return Map.of("id", id, "plan", plan.strip());
  }

  /** @return how often this server read a plan from its database */
  @GET
  @Path("/reads")
  public Map<String, Object> reads() {
    return Map.of("reads", accounts.reads());
  }
}
