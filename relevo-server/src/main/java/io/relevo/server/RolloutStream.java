package io.relevo.server;

import com.sun.net.httpserver.HttpExchange;
import io.relevo.core.engine.RolloutListener;
import io.relevo.core.store.RolloutRecord;
import io.relevo.server.v1.RolloutEventView;
import io.relevo.server.v1.RolloutView;
import io.relevo.server.v1.StreamLine;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one rollout and streams it as NDJSON: an {@code event} line per event as it happens, then
 * one {@code result} or {@code error} line. The rollout runs on its own virtual thread and its
 * listener only queues lines, because listeners must not block; a client that disconnects does not
 * stop the rollout, it only stops hearing about it.
 */
final class RolloutStream {

  private static final Logger log = LoggerFactory.getLogger(RolloutStream.class);
  static final String CONTENT_TYPE = "application/x-ndjson";

  private RolloutStream() {}

  static void run(HttpExchange exchange, String what, Function<RolloutListener, RolloutRecord> call)
      throws IOException {
    run(exchange, null, what, call);
  }

  /**
   * As above, with the rollout's log lines marked with {@code app} and its ids ({@link LogFields}).
   */
  static void run(
      HttpExchange exchange, String app, String what, Function<RolloutListener, RolloutRecord> call)
      throws IOException {
    BlockingQueue<StreamLine> queue = new LinkedBlockingQueue<>();
    Thread.ofVirtual()
        .name("rollout " + what)
        .start(
            () -> {
              StreamLine last;
              if (app != null) {
                LogFields.app(app);
              }
              try {
                last =
                    StreamLine.result(
                        RolloutView.of(
                            call.apply(
                                LogFields.marking(
                                    (id, e) ->
                                        queue.add(StreamLine.event(id, RolloutEventView.of(e)))))));
              } catch (Throwable error) {
                ApiError body = ApiErrors.body(error, what);
                last = StreamLine.error(body.kind(), body.message());
              } finally {
                LogFields.clear();
              }
              queue.add(last);
            });

    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    boolean clientGone = false;
    try {
      while (true) {
        StreamLine line = queue.take();
        if (!clientGone) {
          try {
            out.write(bytes(line));
            out.write('\n');
            out.flush();
          } catch (IOException e) {
            clientGone = true;
            log.info("client of {} went away; the rollout goes on", what);
          }
        }
        if (!StreamLine.EVENT.equals(line.type())) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        out.close();
      } catch (IOException e) {
        // the client is gone; nothing to tell it
      }
    }
  }

  /** An event's line (most lines) by hand ({@link EventJson}); the result or error line bound. */
  private static byte[] bytes(StreamLine line) throws IOException {
    if (StreamLine.EVENT.equals(line.type()) && line.rolloutId() != null) {
      return EventJson.streamLine(line.rolloutId(), line.event())
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    return Json.mapper().writeValueAsBytes(line);
  }
}
