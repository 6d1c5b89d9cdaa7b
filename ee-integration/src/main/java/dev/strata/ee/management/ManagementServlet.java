package dev.strata.ee.management;

import jakarta.json.Json;
import jakarta.json.JsonWriter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Reader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;

/**
 * The servlet at {@code /strata/*}: turns a request into a {@link Routes#dispatch} call and its
 * {@link Answer} into a JSON response. Bodies over {@value #MAX_BODY} characters are refused.
 * An unexpected failure is a 500 whose message names the exception; it is logged with its stack.
 * Thread-safe.
 */
final class ManagementServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final int MAX_BODY = 1 << 20;
  private static final System.Logger LOG = System.getLogger(ManagementServlet.class.getName());

  private final transient Routes routes;

  ManagementServlet(Routes routes) {
    this.routes = routes;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
    Principal user = request.getUserPrincipal();
    Caller caller = new Caller(user == null ? null : user.getName(),
        request.isUserInRole(Caller.ADMIN), request.isUserInRole(Caller.MONITOR));
    Answer answer;
    try {
      String body = read(request);
      answer = body == null ? Answer.error(413, "A Strata management request body may hold at most " + MAX_BODY + " characters")
          : routes.dispatch(request.getMethod(), path, caller, body);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Strata management request " + request.getMethod() + " /strata" + path + " failed", e);
      answer = Answer.error(500, request.getMethod() + " /strata" + path + " failed: " + e);
    }
    write(answer, response);
  }

  /** @return the body, empty if none, or null if it is too long */
  private static String read(HttpServletRequest request) throws IOException {
    if (request.getCharacterEncoding() == null) {
      request.setCharacterEncoding(StandardCharsets.UTF_8.name());
    }
    StringBuilder body = new StringBuilder();
    char[] buffer = new char[8192];
    try (Reader reader = request.getReader()) {
      for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
        body.append(buffer, 0, read);
        if (body.length() > MAX_BODY) {
          return null;
        }
      }
    }
    return body.toString();
  }

  private static void write(Answer answer, HttpServletResponse response) throws IOException {
    response.setStatus(answer.status());
    for (Map.Entry<String, String> header : answer.headers().entrySet()) {
      response.setHeader(header.getKey(), header.getValue());
    }
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    try (JsonWriter writer = Json.createWriter(response.getWriter())) {
      writer.writeObject(answer.body());
    }
  }
}
