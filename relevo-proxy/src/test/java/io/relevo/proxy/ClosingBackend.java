package io.relevo.proxy;

import io.relevo.core.runtime.Endpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A revision that promises keep-alive but, on each connection, answers only the first request: when
 * a second one arrives it closes the connection without a byte of answer, as a server does whose
 * idle timer fired just as the proxy reused the connection.
 */
final class ClosingBackend implements AutoCloseable {

  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  private ClosingBackend() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().start(this::acceptLoop);
  }

  static ClosingBackend start() throws IOException {
    return new ClosingBackend();
  }

  Endpoint endpoint() {
    return new Endpoint("127.0.0.1", server.getLocalPort());
  }

  int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        Thread.ofVirtual().start(() -> answerOnce(socket));
      } catch (IOException e) {
        // closed by the test
      }
    }
  }

  private void answerOnce(Socket socket) {
    try (socket) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
        // headers of a GET without body
      }
      socket
          .getOutputStream()
          .write(
              "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nclosing"
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      in.readLine(); // the next request on this connection: close without answering
    } catch (IOException e) {
      // the proxy went away
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
  }
}
