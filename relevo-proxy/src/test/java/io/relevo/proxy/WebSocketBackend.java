package io.relevo.proxy;

import io.relevo.core.runtime.Endpoint;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A revision that speaks just enough WebSocket (RFC 6455) for tests: it accepts the upgrade and
 * answers each text message with "revision N: " and the message, until the client closes.
 */
final class WebSocketBackend implements AutoCloseable {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final int revision;
  private final ServerSocket server;
  private final AtomicInteger open = new AtomicInteger();

  private WebSocketBackend(int revision) throws IOException {
    this.revision = revision;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::acceptLoop);
  }

  static WebSocketBackend start(int revision) throws IOException {
    return new WebSocketBackend(revision);
  }

  Endpoint endpoint() {
    return new Endpoint("127.0.0.1", server.getLocalPort());
  }

  /** WebSocket connections open now. */
  int open() {
    return open.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException e) {
        // closed by the test
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      String key = null;
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        if (line.toLowerCase().startsWith("sec-websocket-key:")) {
          key = line.substring(line.indexOf(':') + 1).trim();
        }
      }
      OutputStream out = socket.getOutputStream();
      String accept =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + accept
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      open.incrementAndGet();
      try {
        echo(in, out);
      } finally {
        open.decrementAndGet();
      }
    } catch (Exception e) {
      // the proxy or the client went away
    }
  }

  private void echo(DataInputStream in, OutputStream out) throws IOException {
    while (true) {
      int first = in.read();
      if (first < 0) {
        return;
      }
      int second = in.readUnsignedByte();
      long length = second & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] mask = new byte[4];
      if ((second & 0x80) != 0) {
        in.readFully(mask);
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
      int opcode = first & 0x0F;
      if (opcode == 8) {
        out.write(new byte[] {(byte) 0x88, 0});
        out.flush();
        return;
      }
      if (opcode == 1) {
        byte[] answer =
            ("revision " + revision + ": " + new String(payload, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        out.write(new byte[] {(byte) 0x81, (byte) answer.length});
        out.write(answer);
        out.flush();
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("closed mid-line");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
