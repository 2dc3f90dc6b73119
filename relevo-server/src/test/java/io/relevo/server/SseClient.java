package io.relevo.server;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test client of an event stream over a real socket: reads it on a thread of its own into a
 * queue, through the CLI's {@link SseParser}, and keeps the raw lines too.
 */
final class SseClient implements AutoCloseable {

  private static final SseEvent ENDED = new SseEvent("", "ended", "");

  final int status;
  final String contentType;
  final List<String> rawLines = java.util.Collections.synchronizedList(new ArrayList<>());
  private final BlockingQueue<Received> events = new LinkedBlockingQueue<>();
  private Instant lastReceivedAt;

  /** A message and when it was read off the socket. */
  private record Received(SseEvent event, Instant at) {}

  private final InputStream body;
  private volatile boolean ended;

  private SseClient(HttpResponse<InputStream> response) {
    this.status = response.statusCode();
    this.contentType = response.headers().firstValue("Content-Type").orElse("");
    this.body = response.body();
    if (status != 200) {
      return;
    }
    Thread.ofVirtual()
        .start(
            () -> {
              SseParser parser = new SseParser("", e -> events.add(new Received(e, Instant.now())));
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  rawLines.add(line);
                  parser.line(line);
                }
              } catch (java.io.IOException e) {
                // closed by the test, or the agent went away
              }
              ended = true;
              events.add(new Received(ENDED, Instant.now()));
            });
  }

  /** Opens {@code app}'s stream; {@code lastEventId} null for a fresh start. */
  static SseClient open(URI api, String token, String app, String lastEventId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.resolve("/api/v1/apps/" + app + "/events"))
            .header("Authorization", "Bearer " + token);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    return new SseClient(response);
  }

  /** The next message, failing after {@code wait}. */
  SseEvent next(Duration wait) throws InterruptedException {
    Received received = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (received == null) {
      throw new AssertionError("no event within " + wait);
    }
    lastReceivedAt = received.at();
    return received.event();
  }

  /** The next message; {@code ended} when the stream has ended. */
  SseEvent next() throws InterruptedException {
    return next(Duration.ofSeconds(30));
  }

  /** Every message up to and including the first that matches, skipping {@code traffic}. */
  List<SseEvent> until(Predicate<SseEvent> last) throws InterruptedException {
    List<SseEvent> read = new ArrayList<>();
    while (true) {
      SseEvent event = next();
      if (event == ENDED) {
        throw new AssertionError(
            "the stream ended after "
                + read.size()
                + " messages: "
                + read.stream().map(SseEvent::type).toList());
      }
      if (event.type().equals("traffic")) {
        continue;
      }
      read.add(event);
      if (last.test(event)) {
        return read;
      }
    }
  }

  /** When the message {@link #next} returned last was read off the socket. */
  Instant lastReceivedAt() {
    return lastReceivedAt;
  }

  boolean ended() {
    return ended;
  }

  static boolean isEnd(SseEvent event) {
    return event == ENDED;
  }

  @Override
  public void close() throws Exception {
    body.close();
  }
}
