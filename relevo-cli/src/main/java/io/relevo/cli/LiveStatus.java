package io.relevo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.core.RelevoException;
import io.relevo.server.AgentClient;
import io.relevo.server.Json;
import io.relevo.server.SseEvent;
import io.relevo.server.v1.AppView;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code relevo status APP --watch} over the agent's event stream: draws the app again each time
 * its status changes (and, on a terminal, its traffic of the last second), reconnecting with {@code
 * Last-Event-ID} when the stream breaks, until Ctrl-C, {@code --for}, or the agent goes away.
 */
final class LiveStatus {

  private static final String CLEAR = "\033[H\033[2J";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final Duration RECONNECT_AFTER = Duration.ofMillis(500);

  private final AgentClient client;
  private final String app;
  private final Duration limit;
  private final boolean terminal;
  private final boolean json;
  private final PrintWriter out;
  private AppView status;
  private JsonNode traffic;

  /** Thrown from the stream's handler once {@code --for} has passed. */
  private static final class Done extends RuntimeException {
    Done() {
      super(null, null, false, false);
    }
  }

  LiveStatus(
      AgentClient client,
      String app,
      Duration limit,
      boolean terminal,
      boolean json,
      PrintWriter out) {
    this.client = client;
    this.app = app;
    this.limit = limit;
    this.terminal = terminal && !json;
    this.json = json;
    this.out = out;
  }

  /**
   * Watches until stopped or past the limit; false at once when the agent serves no event stream
   * (an agent older than this CLI), so the caller polls instead.
   *
   * @throws RelevoException UNAVAILABLE when the agent goes away, NOT_FOUND for an unknown app
   */
  boolean run() {
    long end = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    String lastId = "";
    boolean connected = false;
    while (true) {
      boolean[] heard = {false};
      try {
        lastId =
            client.events(
                app,
                lastId,
                event -> {
                  heard[0] = true;
                  show(event);
                  if (System.nanoTime() - end >= 0) {
                    throw new Done();
                  }
                });
      } catch (Done done) {
        return true;
      } catch (RelevoException e) {
        if (!connected && !heard[0] && e.kind() == RelevoException.Kind.NOT_FOUND) {
          client.app(app); // throws NOT_FOUND for an unknown app; else the agent has no stream
          return false;
        }
        if (e.kind() != RelevoException.Kind.UNAVAILABLE) {
          throw e;
        }
        if (!connected && !heard[0]) {
          throw e; // no agent to begin with: its message says how to start one
        }
        if (!heard[0]) {
          throw new RelevoException(
              RelevoException.Kind.UNAVAILABLE,
              "the agent at "
                  + client.url()
                  + " went away; stopped watching "
                  + app
                  + " (start it again with `relevo agent`, then watch again)",
              e);
        }
      }
      connected |= heard[0];
      if (System.nanoTime() - end >= 0) {
        return true;
      }
      if (!pause()) { // the agent ended the stream (it stops, or this client fell behind)
        return true;
      }
    }
  }

  private void show(SseEvent event) {
    switch (event.type()) {
      case "status" -> {
        if (json) {
          out.println(event.data());
          out.flush();
          return;
        }
        status = read(event.data(), AppView.class);
        draw();
      }
      case "traffic" -> {
        if (terminal && status != null) {
          traffic = read(event.data(), JsonNode.class);
          draw();
        }
      }
      default -> {} // rollout, weights and analysis show in the status that follows them
    }
  }

  private void draw() {
    String header = "relevo status " + app + ", live, at " + LocalTime.now().format(CLOCK);
    if (terminal) {
      out.print(CLEAR);
      out.println(header + " (Ctrl-C to stop)");
    } else {
      out.println("--- " + header);
    }
    out.println();
    AppStatusView.print(status, out);
    if (terminal && traffic != null) {
      out.println();
      printTraffic(traffic, out);
    }
    if (!terminal) {
      out.println();
    }
    out.flush();
  }

  /** The traffic message as a table: each revision of the split over the last second. */
  static void printTraffic(JsonNode traffic, PrintWriter out) {
    Table table =
        new Table("REVISION", "VERSION", "ROLE", "WEIGHT", "REQ/S", "ERRORS", "P50", "P99");
    for (JsonNode r : traffic.path("revisions")) {
      table.row(
          r.path("revision").asText(),
          r.path("version").asText(),
          r.path("role").asText(),
          r.path("weight").asInt() + "%",
          String.format(Locale.ROOT, "%.1f", r.path("rps").asDouble()),
          String.format(Locale.ROOT, "%.1f%%", 100 * r.path("errorRate").asDouble()),
          millis(r.path("p50Ms")),
          millis(r.path("p99Ms")));
    }
    out.println("traffic in the last second:");
    table.print(out);
  }

  private static String millis(JsonNode value) {
    return value.isNumber() ? String.format(Locale.ROOT, "%.1f ms", value.asDouble()) : "-";
  }

  private static <T> T read(String data, Class<T> type) {
    try {
      return Json.mapper().readValue(data, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits a moment before resuming; false when interrupted. */
  private static boolean pause() {
    try {
      Thread.sleep(RECONNECT_AFTER);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
