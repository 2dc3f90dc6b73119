package io.relevo.proxy;

import io.relevo.core.runtime.Endpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A revision that crashes on every request: it reads the request's headers, then resets the
 * connection (TCP RST), either before a byte of answer or once it has sent the headers and part of
 * the body of a 200.
 */
final class FailingBackend implements AutoCloseable {

  enum Failure {
    RESET_BEFORE_ANSWER,
    RESET_MID_BODY
  }

  private final Failure failure;
  private final ServerSocket server;
  private final AtomicInteger requests = new AtomicInteger();

  private FailingBackend(Failure failure) throws IOException {
    this.failure = failure;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::acceptLoop);
  }

  static FailingBackend start(Failure failure) throws IOException {
    return new FailingBackend(failure);
  }

  Endpoint endpoint() {
    return new Endpoint("127.0.0.1", server.getLocalPort());
  }

  /** Requests whose headers arrived. */
  int requests() {
    return requests.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread.ofVirtual().start(() -> fail(socket));
      } catch (IOException e) {
        // closed by the test
      }
    }
  }

  private void fail(Socket socket) {
    try (socket) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String line = in.readLine();
      while (line != null && !line.isEmpty()) {
        line = in.readLine();
      }
      if (line == null) {
        return; // the proxy closed a connection it did not use
      }
      requests.incrementAndGet();
      if (failure == Failure.RESET_MID_BODY) {
        OutputStream out = socket.getOutputStream();
        out.write(
            "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(200); // the proxy forwards the headers before the reset arrives
      }
      socket.setSoLinger(true, 0); // close with a reset, as a crashing process's kernel does
    } catch (IOException e) {
      // the proxy went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
