package io.relevo.cli;

import com.sun.net.httpserver.HttpServer;
import io.relevo.server.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An agent stand-in on a real loopback socket that answers {@code METHOD path} with fixed bodies
 * and records what it was sent; found through a state dir's {@code agent.json} and token (token
 * {@code tok}) like a real agent. Anything it was not told to answer is a 404 NOT_FOUND.
 */
final class StandInAgent implements AutoCloseable {

  private record Answer(int status, String contentType, byte[] body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<String> received = new CopyOnWriteArrayList<>();

  private StandInAgent(HttpServer server) {
    this.server = server;
  }

  static StandInAgent start(Path stateDir) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    StandInAgent agent = new StandInAgent(server);
    server.createContext(
        "/",
        exchange -> {
          String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          boolean authorized =
              "Bearer tok".equals(exchange.getRequestHeaders().getFirst("Authorization"));
          Answer answer =
              !authorized
                  ? json(401, Map.of("kind", "UNAUTHORIZED", "message", "no"))
                  : agent.answers.getOrDefault(
                      key,
                      json(
                          404, Map.of("kind", "NOT_FOUND", "message", "stand-in knows no " + key)));
          if (authorized) {
            String resume = exchange.getRequestHeaders().getFirst("Last-Event-ID");
            agent.received.add(
                key
                    + (body.isEmpty() ? "" : " " + body)
                    + (resume == null ? "" : " Last-Event-ID: " + resume));
          }
          exchange.getResponseHeaders().set("Content-Type", answer.contentType());
          exchange.sendResponseHeaders(
              answer.status(), answer.status() == 204 ? -1 : answer.body().length);
          if (answer.status() != 204) {
            exchange.getResponseBody().write(answer.body());
          }
          exchange.close();
        });
    server.start();
    Files.writeString(
        stateDir.resolve("agent.json"),
        "{\"url\":\"http://127.0.0.1:" + server.getAddress().getPort() + "\",\"pid\":1}");
    Files.writeString(stateDir.resolve("token"), "tok\n");
    return agent;
  }

  /** Answers {@code key} ({@code GET /api/v1/apps/shop}) with {@code body} as JSON. */
  StandInAgent answer(String key, int status, Object body) {
    answers.put(key, json(status, body));
    return this;
  }

  /** Answers {@code key} with 204 and no body. */
  StandInAgent noContent(String key) {
    answers.put(key, new Answer(204, "application/json", new byte[0]));
    return this;
  }

  /** Answers {@code key} with an NDJSON stream of {@code lines}, each written as JSON. */
  StandInAgent stream(String key, Object... lines) {
    StringBuilder text = new StringBuilder();
    for (Object line : lines) {
      text.append(write(line)).append('\n');
    }
    answers.put(
        key,
        new Answer(200, "application/x-ndjson", text.toString().getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  /**
   * Answers {@code key} with a {@code text/event-stream} of {@code events}, each {@code {id, type,
   * data}} with data written as JSON, and then ends it.
   */
  StandInAgent events(String key, Object[]... events) {
    StringBuilder text = new StringBuilder();
    for (Object[] event : events) {
      text.append("id: ").append(event[0]).append("\nevent: ").append(event[1]);
      text.append("\ndata: ").append(write(event[2])).append("\n\n");
    }
    answers.put(
        key,
        new Answer(200, "text/event-stream", text.toString().getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  /** Every authorized request, as {@code METHOD path body}, in order. */
  List<String> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static Answer json(int status, Object body) {
    return new Answer(status, "application/json", write(body).getBytes(StandardCharsets.UTF_8));
  }

  private static String write(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
