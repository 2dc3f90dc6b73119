package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.routing.TrafficSplit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the proxy's codecs keep of a head, on real sockets: names come through with their case, the
 * same name in another case stays that case (the decoded names are shared between messages, never
 * mixed up), and an answer to HEAD carries no body even when it says how long the body would be, so
 * the next answer on the same connection is read from the right byte.
 */
class HeadBytesTest {

  private ProxyFixture fixture;
  private ServerSocket server;

  @AfterEach
  void stop() throws IOException {
    if (fixture != null) {
      fixture.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void headerNamesKeepTheirCaseBothWaysRequestAfterRequest() throws Exception {
    startRevision();
    for (String[] names :
        List.of(
            new String[] {"X-Mixed-Case", "x-answer-case"},
            new String[] {"x-mixed-case", "X-Answer-Case"},
            new String[] {"X-MIXED-CASE", "x-answer-case"},
            new String[] {"X-Mixed-Case", "X-ANSWER-CASE"})) {
      try (RawHttpClient client = new RawHttpClient(fixture.port())) {
        for (int i = 0; i < 3; i++) {
          RawHttpClient.Response response =
              client.get("/names", names[0] + ": " + i, "Answer-Case: " + names[1]);
          assertThat(response.status()).isEqualTo(200);
          assertThat(response.body()).contains(names[0] + "\n");
          assertThat(response.headers())
              .extracting(header -> header[0])
              .contains(names[1])
              .doesNotContain(other(names[1]));
        }
      }
    }
  }

  @Test
  void anAnswerToHeadHasNoBodyAndTheNextAnswerOnTheConnectionIsIntact() throws Exception {
    startRevision();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), fixture.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("HEAD /head HTTP/1.1\r\nHost: x\r\n\r\n" + "GET /names HTTP/1.1\r\nHost: x\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
      List<String> head = headLines(in);
      assertThat(head).contains("Content-Length: 1000");
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK"); // no body between the two
      List<String> second = headLines(in);
      int length =
          Integer.parseInt(
              second.stream()
                  .filter(line -> line.startsWith("Content-Length: "))
                  .findFirst()
                  .orElseThrow()
                  .substring("Content-Length: ".length()));
      char[] body = new char[length];
      int read = 0;
      while (read < length) {
        read += in.read(body, read, length - read);
      }
      assertThat(new String(body)).startsWith("GET /names\n");
    }
  }

  private static String other(String name) {
    return name.equals(name.toLowerCase()) ? name.toUpperCase() : name.toLowerCase();
  }

  private static List<String> headLines(BufferedReader in) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line; !(line = in.readLine()).isEmpty(); ) {
      lines.add(line);
    }
    return lines;
  }

  /**
   * A revision that answers each request with the request line and the header names it received
   * (one per line), with a header named as the request's Answer-Case asks; HEAD gets a
   * Content-Length of 1000 and no body, as HTTP says.
   */
  private void startRevision() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException e) {
                  // closed by the test
                }
              }
            });
    fixture = new ProxyFixture();
    fixture.proxy.route(
        ProxyFixture.APP,
        TrafficSplit.all(
            1, new io.relevo.core.runtime.Endpoint("127.0.0.1", server.getLocalPort())));
  }

  private static void serve(Socket socket) {
    try (socket) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = socket.getOutputStream();
      for (String requestLine; (requestLine = in.readLine()) != null; ) {
        String[] words = requestLine.split(" ");
        StringBuilder body = new StringBuilder(words[0] + " " + words[1] + "\n");
        String answerCase = "X-Answer-Case";
        for (String line; !(line = in.readLine()).isEmpty(); ) {
          String name = line.substring(0, line.indexOf(':'));
          body.append(name).append('\n');
          if (name.equalsIgnoreCase("Answer-Case")) {
            answerCase = line.substring(line.indexOf(':') + 1).trim();
          }
        }
        String answer =
            words[0].equals("HEAD")
                ? "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                : "HTTP/1.1 200 OK\r\n"
                    + answerCase
                    + ": yes\r\nContent-Length: "
                    + body.length()
                    + "\r\n\r\n"
                    + body;
        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // the proxy closed the connection
    }
  }
}
