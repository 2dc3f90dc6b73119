package io.relevo.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server that serves the dashboard's files and answers the few API calls the page makes
 * with what a test sets, speaking the event stream contract (docs/DASHBOARD.md) message by message
 * as the test sends them: so a browser test can drop, resume and reset a stream at the moment it
 * chooses, which a real agent does not do on demand.
 */
final class DashboardStandIn implements AutoCloseable {

  /** Each request to an events endpoint: its headers, lower-cased names. */
  final List<Map<String, String>> eventRequests = new CopyOnWriteArrayList<>();

  /** Each POST: its path, a space, its body. */
  final List<String> posts = new CopyOnWriteArrayList<>();

  final Map<String, String> answers = new ConcurrentHashMap<>(); // path -> JSON
  private final BlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
  private final HttpServer server;
  private volatile boolean streams = true;
  private volatile boolean refusing;

  DashboardStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** From now on every API call answers 401, as for a revoked token. */
  void refuseTokens() {
    refusing = true;
  }

  /** Without a stream, the events endpoint answers 404 as an agent without it does. */
  void withoutStream() {
    streams = false;
  }

  /** Sends one message to the open stream: {@code id}, {@code event}, one line of JSON. */
  void send(String id, String type, String json) {
    outgoing.add("id: " + id + "\nevent: " + type + "\ndata: " + json + "\n\n");
  }

  /** Sends a comment line, as the agent's keep-alive. */
  void ping() {
    outgoing.add(": ping\n\n");
  }

  /** Ends the open stream, as a dropped connection does. */
  void drop() {
    outgoing.add("");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (DashboardPages.serve(exchange, exchange.getRequestMethod(), path)) {
        return;
      }
      if (refusing) {
        byte[] body =
            "{\"kind\":\"UNAUTHORIZED\",\"message\":\"missing or wrong bearer token\"}"
                .getBytes(UTF_8);
        exchange.sendResponseHeaders(401, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      if (path.endsWith("/events") && streams) {
        stream(exchange);
        return;
      }
      if (exchange.getRequestMethod().equals("POST")) {
        posts.add(path + " " + new String(exchange.getRequestBody().readAllBytes(), UTF_8));
      }
      String json = answers.get(path);
      byte[] body =
          (json == null ? "{\"kind\":\"NOT_FOUND\",\"message\":\"no API at " + path + "\"}" : json)
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(json == null ? 404 : 200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private void stream(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new ConcurrentHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
    eventRequests.add(headers);
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    try {
      while (true) {
        String message = outgoing.poll(30, TimeUnit.SECONDS);
        if (message == null || message.isEmpty()) {
          return;
        }
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
