package io.relevo.checks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.relevo.core.runtime.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 with routes whose answers the tests choose:
 *
 * <ul>
 *   <li>{@code /json/<value>}: 200 with {@code {"status":"<value>"}}
 *   <li>{@code /code/<n>}: status n with body {@code code n}
 *   <li>{@code /slow/<millis>}: 200 {@code ok} after sleeping that long
 *   <li>{@code /echo}: 200 with the method, the {@code X-Test} header and the request body
 *   <li>{@code /text}: 200 with {@code {not json} status: down}
 * </ul>
 */
final class TestServer implements AutoCloseable {

  private final HttpServer server;

  private TestServer(HttpServer server) {
    this.server = server;
  }

  static TestServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      // Virtual threads are daemons: a sleeping handler cannot hold up the test JVM.
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext(
          "/json/", ex -> respond(ex, 200, "{\"status\": \"" + last(ex) + "\", \"checks\": {}}"));
      server.createContext(
          "/code/", ex -> respond(ex, Integer.parseInt(last(ex)), "code " + last(ex)));
      server.createContext(
          "/slow/",
          ex -> {
            try {
              Thread.sleep(Long.parseLong(last(ex)));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            respond(ex, 200, "ok");
          });
      server.createContext(
          "/echo",
          ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            respond(
                ex,
                200,
                ex.getRequestMethod()
                    + " "
                    + ex.getRequestHeaders().getFirst("X-Test")
                    + " "
                    + body);
          });
      server.createContext("/text", ex -> respond(ex, 200, "{not json} status: down"));
      server.start();
      return new TestServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Endpoint endpoint() {
    return new Endpoint("127.0.0.1", server.getAddress().getPort());
  }

  private static String last(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange
        .getResponseHeaders()
        .set("Content-Type", body.startsWith("{\"") ? "application/json" : "text/plain");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
