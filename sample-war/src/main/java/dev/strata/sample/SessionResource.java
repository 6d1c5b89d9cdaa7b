package dev.strata.sample;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/session}: read, set, count up and invalidate this visitor's HTTP session. With
 * {@code sessionCache-1.0} the session lives in the server's JCache provider, so every server
 * configured with the same cache answers for it (server-config/liberty-sessions).
 */
@Path("/session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

  /** The session's id and attributes; 404 when the request has no live session. */
  @GET
  public Map<String, Object> read(@Context HttpServletRequest request) {
    return describe(existing(request));
  }

  /** Sets attribute {@code name} to the request body (text), creating the session if needed. */
  @PUT
  @Path("/{name}")
  @Consumes(MediaType.TEXT_PLAIN)
  public Map<String, Object> set(@Context HttpServletRequest request, @PathParam("name") String name, String value) {
    HttpSession session = request.getSession(true);
    session.setAttribute(name, value);
    return describe(session);
  }

  /** Adds one to the integer attribute {@code name} (absent counts as 0), creating the session if needed. */
  @POST
  @Path("/{name}/increment")
  public Map<String, Object> increment(@Context HttpServletRequest request, @PathParam("name") String name) {
    HttpSession session = request.getSession(true);
    Object current = session.getAttribute(name);
    session.setAttribute(name, current instanceof Integer count ? count + 1 : 1);
    return describe(session);
  }

  @DELETE
  public Map<String, Object> invalidate(@Context HttpServletRequest request) {
    HttpSession session = existing(request);
    String id = session.getId();
    session.invalidate();
    return Map.of("invalidated", id);
  }

  private static HttpSession existing(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      throw new NotFoundException("No session: set an attribute with PUT /api/session/{name} first");
    }
    return session;
  }

  private static Map<String, Object> describe(HttpSession session) {
    Map<String, Object> attributes = new TreeMap<>();
    for (String name : Collections.list(session.getAttributeNames())) {
      attributes.put(name, session.getAttribute(name));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", session.getId());
    result.put("attributes", attributes);
    return result;
  }
}
