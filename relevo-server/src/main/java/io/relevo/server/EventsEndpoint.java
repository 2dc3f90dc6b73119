package io.relevo.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/apps/{app}/events}: the app's event stream as {@code text/event-stream}, until
 * the client goes away, falls too far behind, or the agent stops. Resumes after the {@code
 * Last-Event-ID} header's id, or the {@code lastEventId} query parameter's for clients that cannot
 * set headers. See docs/API.md, "Events".
 */
final class EventsEndpoint {

  private static final Logger log = LoggerFactory.getLogger(EventsEndpoint.class);

  /** A comment line this often keeps proxies and load balancers from closing a quiet stream. */
  static final Duration PING = Duration.ofSeconds(15);

  private static final byte[] PING_LINE = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

  private EventsEndpoint() {}

  static void serve(HttpExchange exchange, EventHub hub, String app, Map<String, String> query)
      throws IOException {
    serve(exchange, hub, app, query, PING);
  }

  /** As above, with a comment line after {@code ping} without a message. */
  static void serve(
      HttpExchange exchange, EventHub hub, String app, Map<String, String> query, Duration ping)
      throws IOException {
    String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
    if (lastEventId == null || lastEventId.isBlank()) {
      lastEventId = query.get("lastEventId");
    }
    EventSubscriber subscriber = hub.subscribe(app, lastEventId); // NOT_FOUND before any byte
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Accel-Buffering", "no"); // nginx: do not buffer it
    try {
      exchange.sendResponseHeaders(200, 0);
      stream(exchange.getResponseBody(), subscriber, app, ping);
    } finally {
      subscriber.unsubscribe();
    }
  }

  private static void stream(
      OutputStream body, EventSubscriber subscriber, String app, Duration ping) {
    try (OutputStream out = body) {
      for (SseMessage message : subscriber.first()) {
        out.write(message.frame());
      }
      out.flush();
      while (true) {
        SseMessage message = subscriber.next(ping);
        if (message == null) {
          out.write(PING_LINE);
        } else {
          // write what else is queued too, then flush once
          for (; message != null; message = subscriber.nextNow()) {
            if (EventSubscriber.isEnd(message)) {
              log.debug("event stream of {} ended: {}", app, subscriber.endedBecause());
              return;
            }
            out.write(message.frame());
          }
        }
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.debug("event stream of {}: the client went away: {}", app, e.toString());
    }
  }
}
