package io.relevo.checks;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.relevo.core.runtime.Endpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server on 127.0.0.1 that counts the requests it receives (when they arrive, before
 * answering) and answers every one the same way: a status, after a pause before the body, or never
 * (until closed).
 */
final class LoadBackend implements AutoCloseable {

  /** What the last request looked like. */
  record Seen(String method, String pathAndQuery, Headers headers) {}

  private final HttpServer server;
  private final AtomicInteger received = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();
  private final AtomicReference<Seen> last = new AtomicReference<>();
  private final CountDownLatch released = new CountDownLatch(1);

  private LoadBackend(int status, long bodyDelayMillis, boolean answers) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Virtual threads are daemons: a handler that never answers cannot hold up the test JVM.
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> handle(exchange, status, bodyDelayMillis, answers));
    server.start();
  }

  /** Answers {@code status} at once. */
  static LoadBackend answering(int status) {
    return new LoadBackend(status, 0, true);
  }

  /** Sends 200 and its headers at once, and the body {@code millis} later. */
  static LoadBackend slowBody(long millis) {
    return new LoadBackend(200, millis, true);
  }

  /** Takes every request and never answers. */
  static LoadBackend silent() {
    return new LoadBackend(200, 0, false);
  }

  /** A port on 127.0.0.1 where nothing listens (it was free a moment ago). */
  static Endpoint closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return new Endpoint("127.0.0.1", socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Endpoint endpoint() {
    return new Endpoint("127.0.0.1", server.getAddress().getPort());
  }

  int received() {
    return received.get();
  }

  /** The most requests this server held unanswered at once. */
  int mostOpen() {
    return mostOpen.get();
  }

  Seen last() {
    return last.get();
  }

  private void handle(HttpExchange exchange, int status, long bodyDelayMillis, boolean answers)
      throws IOException {
    received.incrementAndGet();
    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    last.set(
        new Seen(
            exchange.getRequestMethod(),
            exchange.getRequestURI().toString(),
            exchange.getRequestHeaders()));
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      if (!answers) {
        released.await();
        return;
      }
      byte[] body = status == 204 ? new byte[0] : "ok".getBytes();
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      OutputStream out = exchange.getResponseBody();
      out.flush();
      if (bodyDelayMillis > 0) {
        Thread.sleep(bodyDelayMillis);
      }
      out.write(body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.decrementAndGet();
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
