package dev.strata.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small HTTP client for the integration tests: loopback only, bounded timeouts, JSON read by pattern. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final HttpClient client;
  /** The Authorization header sent with every request, or null. */
  private final String authorization;

  Http(String base) {
    this(base, CLIENT, null);
  }

  private Http(String base, HttpClient client, String authorization) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.client = client;
    this.authorization = authorization;
  }

  static Http onPort(int port) {
    return new Http("http://127.0.0.1:" + port);
  }

  /**
   * @return a client of the same server that keeps and sends the cookies of {@code cookies}: give
   *     the clients of two servers one jar, and they are one browser with one HTTP session
   */
  Http withCookies(CookieHandler cookies) {
    return new Http(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(cookies).build(),
        authorization);
  }

  /** @return a client of the same server that signs every request in with BASIC authentication */
  Http as(String user, String password) {
    return new Http(base, client, basic(user, password));
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** A GET with BASIC authentication. */
  Response get(String path, String user, String password) {
    return as(user, password).get(path);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  Response putText(String path, String text) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/plain")
        .PUT(HttpRequest.BodyPublishers.ofString(text)));
  }

  Response put(String path, String json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  Response post(String path, String json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Response delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  /** @return how many product reads reached this server's database */
  long productReads() {
    return get("/api/cache-stats").number("databaseProductReads");
  }

  /** @return how many stock reads reached this server's database */
  long stockReads() {
    return get("/api/cache-stats").number("databaseStockReads");
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private Response send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(),
          response.headers().firstValue("Server-Timing").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A status, a body and the server's {@code Server-Timing} header (empty without one). */
  record Response(int status, String body, String serverTiming) {

    Response(int status, String body) {
      this(status, body, "");
    }

    /** @return the duration named {@code metric} in the Server-Timing header, in ms */
    double serverTime(String metric) {
      Matcher matcher = Pattern.compile("(?:^|,)\\s*" + Pattern.quote(metric) + ";dur=([0-9.]+)").matcher(serverTiming);
      if (!matcher.find()) {
        throw new AssertionError("No Server-Timing '" + metric + "' in '" + serverTiming + "'");
      }
      return Double.parseDouble(matcher.group(1));
    }

    /** @return the first number named {@code field} in the JSON body */
    long number(String field) {
      Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)").matcher(body);
      if (!matcher.find()) {
        throw new AssertionError("No number '" + field + "' in " + body);
      }
      return Long.parseLong(matcher.group(1));
    }

    /** @return the first string named {@code field} in the JSON body */
    String text(String field) {
      Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
      if (!matcher.find()) {
        throw new AssertionError("No text '" + field + "' in " + body);
      }
      return matcher.group(1);
    }
  }
}
