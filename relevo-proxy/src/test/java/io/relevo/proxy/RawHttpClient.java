package io.relevo.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 client connection over a plain socket, for tests that need headers the JDK client
 * refuses to send (Connection, Upgrade) or that count connections.
 */
final class RawHttpClient implements AutoCloseable {

  record Response(int status, List<String[]> headers, String body) {
    String header(String name) {
      return headers.stream()
          .filter(h -> h[0].equalsIgnoreCase(name))
          .map(h -> h[1])
          .findFirst()
          .orElse(null);
    }

    boolean hasHeader(String name) {
      return header(name) != null;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttpClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Sends a GET with the given extra header lines ("Name: value") and reads its response. */
  Response get(String path, String... headerLines) throws IOException {
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: app.test\r\n");
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return read();
  }

  /**
   * Sends GETs for all paths in one write (HTTP pipelining), then reads their responses in order.
   */
  List<Response> pipeline(String... paths) throws IOException {
    StringBuilder requests = new StringBuilder();
    for (String path : paths) {
      requests.append("GET ").append(path).append(" HTTP/1.1\r\nHost: app.test\r\n\r\n");
    }
    out.write(requests.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    List<Response> responses = new ArrayList<>();
    for (int i = 0; i < paths.length; i++) {
      responses.add(read());
    }
    return responses;
  }

  private Response read() throws IOException {
    String statusLine = line();
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    List<String[]> headers = new ArrayList<>();
    for (String line; !(line = line()).isEmpty(); ) {
      int colon = line.indexOf(':');
      headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
    }
    Response head = new Response(status, headers, "");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String length = head.header("Content-Length");
    String encoding = head.header("Transfer-Encoding");
    if (length != null) {
      body.write(in.readNBytes(Integer.parseInt(length)));
    } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
        body.write(in.readNBytes(size));
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("connection closed mid-line: " + line);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
