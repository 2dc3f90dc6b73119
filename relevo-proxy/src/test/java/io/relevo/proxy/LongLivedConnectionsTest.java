package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.DrainResult;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Endpoint;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WebSockets and server-sent events through the proxy, and what a switch does to them. */
class LongLivedConnectionsTest {

  private final ProxyFixture fixture =
      new ProxyFixture(new ProxyConfig(null, Duration.ofSeconds(5), null));

  @AfterEach
  void stop() {
    fixture.close();
  }

  /** Collects what a WebSocket receives, and whether it ended. */
  private static final class Collector implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<String> ended = new CompletableFuture<>();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      messages.add(data.toString());
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      ended.complete("closed " + status);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      ended.complete("ended: " + error);
    }
  }

  private WebSocket connect(Collector collector) {
    return fixture
        .client
        .newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + fixture.port() + "/ws"), collector)
        .join();
  }

  private static String ask(WebSocket socket, Collector collector, String text) throws Exception {
    socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    return collector.messages.poll(5, TimeUnit.SECONDS);
  }

  @Test
  void aWebSocketIsTunneledToTheRevisionAndClosesCleanly() throws Exception {
    try (WebSocketBackend one = WebSocketBackend.start(1)) {
      fixture.proxy.route(ProxyFixture.APP, TrafficSplit.all(1, one.endpoint()));
      Collector collector = new Collector();
      WebSocket socket = connect(collector);

      assertThat(ask(socket, collector, "hello")).isEqualTo("revision 1: hello");
      assertThat(ask(socket, collector, "again")).isEqualTo("revision 1: again");

      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
      assertThat(collector.ended.get(5, TimeUnit.SECONDS)).isEqualTo("closed 1005");
      await().untilAsserted(() -> assertThat(fixture.proxy.inFlight(ProxyFixture.APP, 1)).isZero());
      assertThat(fixture.stats(1).status2xx()).isEqualTo(1); // the 101
    }
  }

  @Test
  void atASwitchAWebSocketStaysOnTheOldRevisionUntilTheDrainTimeoutThenCloses() throws Exception {
    try (WebSocketBackend one = WebSocketBackend.start(1);
        WebSocketBackend two = WebSocketBackend.start(2)) {
      fixture.proxy.route(ProxyFixture.APP, TrafficSplit.all(1, one.endpoint()));
      Collector old = new Collector();
      WebSocket oldSocket = connect(old);
      assertThat(ask(oldSocket, old, "before")).isEqualTo("revision 1: before");

      fixture.proxy.route(ProxyFixture.APP, TrafficSplit.all(2, two.endpoint()));
      CompletableFuture<DrainResult> drain =
          CompletableFuture.supplyAsync(
              () -> fixture.proxy.drain(ProxyFixture.APP, 1, Duration.ofSeconds(4)),
              // Not the common pool, which the JDK's WebSocket client needs (one thread on 2
              // cores).
              runnable -> Thread.ofPlatform().start(runnable));

      // During the drain the old conversation goes on, and a new one goes to the new revision.
      assertThat(ask(oldSocket, old, "during")).isEqualTo("revision 1: during");
      Collector fresh = new Collector();
      assertThat(ask(connect(fresh), fresh, "new")).isEqualTo("revision 2: new");
      assertThat(drain).isNotDone();

      DrainResult result = drain.get(10, TimeUnit.SECONDS);
      assertThat(result.cutOff()).isEqualTo(1);
      assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(3900));
      assertThat(old.ended.get(5, TimeUnit.SECONDS)).isNotEmpty();
      await().untilAsserted(() -> assertThat(one.open()).isZero());
      assertThat(two.open()).isEqualTo(1);
    }
  }

  @Test
  void serverSentEventsReachTheClientAsTheRevisionSendsThem() throws Exception {
    CountDownLatch second = new CountDownLatch(1);
    HttpServer events = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    events.createContext(
        "/events",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            second.await(10, TimeUnit.SECONDS);
            out.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    events.start();
    try {
      fixture.proxy.route(
          ProxyFixture.APP,
          TrafficSplit.all(1, new Endpoint("127.0.0.1", events.getAddress().getPort())));

      HttpResponse<Stream<String>> response =
          fixture.client.send(
              fixture.request("/events").build(), HttpResponse.BodyHandlers.ofLines());
      Iterator<String> lines = response.body().iterator();

      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
      assertThat(lines.next()).isEqualTo("data: one"); // before the revision has sent "two"
      second.countDown();
      assertThat(lines.next()).isEmpty();
      assertThat(lines.next()).isEqualTo("data: two");
    } finally {
      events.stop(0);
    }
  }
}
