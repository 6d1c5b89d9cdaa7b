package dev.strata.benchmarks.sessions;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Arrays;

/**
 * The session benchmark's application, deployed alone to each Liberty server: {@code GET
 * /session?op=read} answers the session's version attribute, {@code op=write&v=N} sets it to N and
 * replaces a 1 KB payload attribute, as an application that keeps a small cart or profile in the
 * session would. A request without a session gets a new one.
 */
@WebServlet("/session")
public class SessionServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final int PAYLOAD_BYTES = 1024;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpSession session = request.getSession(true);
    String op = request.getParameter("op");
    if ("write".equals(op)) {
      long version = Long.parseLong(request.getParameter("v"));
      byte[] payload = new byte[PAYLOAD_BYTES];
      Arrays.fill(payload, (byte) version);
      session.setAttribute("payload", payload);
      session.setAttribute("version", version);
    }
    Object version = session.getAttribute("version");
    response.setContentType("text/plain");
    response.getWriter().print(version == null ? "none" : version.toString());
  }
}
