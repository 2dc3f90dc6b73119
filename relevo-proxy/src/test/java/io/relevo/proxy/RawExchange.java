package io.relevo.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Bytes written to a fresh connection and everything read back until the proxy closes it. */
record RawExchange(String answer, boolean closed) {

  /**
   * Sends {@code request} as it is, then reads until the connection closes or {@code waitMillis}
   * pass without it closing ({@link #closed} false then).
   */
  static RawExchange send(int port, String request, int waitMillis) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(waitMillis);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return readUntilClosed(socket.getInputStream());
    }
  }

  static RawExchange readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        answer.write(buffer, 0, n);
      }
      return new RawExchange(answer.toString(StandardCharsets.ISO_8859_1), true);
    } catch (SocketTimeoutException e) {
      return new RawExchange(answer.toString(StandardCharsets.ISO_8859_1), false);
    } catch (IOException e) {
      return new RawExchange(answer.toString(StandardCharsets.ISO_8859_1), true); // a reset
    }
  }

  /** The status code of the first response, or 0 when nothing came. */
  int status() {
    return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : 0;
  }
}
