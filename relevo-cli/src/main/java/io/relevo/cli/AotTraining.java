package io.relevo.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The training run of the CLI's ahead-of-time cache (JEP 483/514/515): the launcher runs this class
 * once per jar and JDK with {@code -XX:AOTCacheOutput}, in the background, so the classes and
 * method profiles of a client command are ready at the next start. It runs the commands users type
 * most ({@code status}, {@code status APP}, JSON output, an agent that is not running) against a
 * loopback stand-in that answers what an agent answers, with its output thrown away.
 */
final class AotTraining {

  private static final String TOKEN = "training";

  private AotTraining() {}

  /** {@code agent} trains the agent's cache ({@link AgentTraining}); anything else the CLI's. */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length > 0 && args[0].equals("agent")) {
      AgentTraining.run();
    } else {
      trainClient();
    }
    System.exit(0); // the cache is written as the JVM exits; no thread of the run may hold it up
  }

  private static void trainClient() throws IOException {
    String app = resource("app.json");
    Map<String, String> bodies =
        Map.of("/api/v1/apps", "[" + app + "]", "/api/v1/apps/training", app);
    Path empty = Files.createTempDirectory("relevo-aot-training");
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofPlatform().daemon().name("aot-training-agent").start(() -> serve(server, bodies));
      String url = "http://127.0.0.1:" + server.getLocalPort();
      List<List<String>> commands =
          List.of(
              List.of("status", "--agent", url),
              List.of("status", "training", "--agent", url),
              List.of("status", "--agent", url, "--output", "json"),
              List.of("status", "--state-dir", empty.toString()),
              List.of("--version"));
      for (int round = 0; round < 3; round++) {
        for (List<String> command : commands) {
          Main.run(command.toArray(String[]::new), silent());
        }
      }
    } finally {
      Files.deleteIfExists(empty);
    }
  }

  private static CliContext silent() {
    return new CliContext(
        Map.of(io.relevo.server.AgentClient.TOKEN_ENV, TOKEN),
        new PrintWriter(Writer.nullWriter()),
        new PrintWriter(Writer.nullWriter()));
  }

  /** Answers each request with its canned body, one request per connection. */
  private static void serve(ServerSocket server, Map<String, String> bodies) {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        String path = requestPath(socket.getInputStream());
        String body = bodies.get(path);
        String status = body == null ? "404 Not Found" : "200 OK";
        if (body == null) {
          body = "{\"kind\":\"NOT_FOUND\",\"message\":\"no app at " + path + "\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("HTTP/1.1 "
                    + status
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        // the server closed, or a client went away: the next accept tells which
      }
    }
  }

  /** Reads the request head and returns its path; the requests of training carry no body. */
  private static String requestPath(InputStream in) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    String requestLine = reader.readLine();
    String line;
    while ((line = reader.readLine()) != null && !line.isEmpty()) {
      // skip headers
    }
    String[] parts = requestLine == null ? new String[0] : requestLine.split(" ");
    return parts.length > 1 ? parts[1] : "";
  }

  private static String resource(String name) {
    try (InputStream in = AotTraining.class.getResourceAsStream("training/" + name)) {
      if (in == null) {
        throw new IllegalStateException("training/" + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
