package io.relevo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The backend of each app in the scale benchmark: Python's standard HTTP server answering {@code
 * 200 ok} to every GET on {@code $PORT}, keep-alive, a thread per connection. At about 10 MiB a
 * process it is the cheapest real server that the process runtime can start 200 times (100 apps, a
 * stable and a canary each); a JVM per revision would need ten times the memory.
 */
final class ScaleBackend {

  private static final String SCRIPT =
      """
      import os
      from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

      class Handler(BaseHTTPRequestHandler):
          protocol_version = "HTTP/1.1"

          def do_GET(self):
              self.send_response(200)
              self.send_header("Content-Type", "text/plain")
              self.send_header("Content-Length", "3")
              self.end_headers()
              self.wfile.write(b"ok\\n")

          def log_message(self, *args):
              pass

      server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
      server.daemon_threads = True
      server.serve_forever()
      """;

  private final List<String> command;

  private ScaleBackend(List<String> command) {
    this.command = command;
  }

  /**
   * Writes the script into {@code dir}.
   *
   * @throws IllegalStateException when no python3 is installed, saying how to get one
   */
  static ScaleBackend write(Path dir) throws IOException {
    Path script = Files.writeString(Files.createDirectories(dir).resolve("backend.py"), SCRIPT);
    return new ScaleBackend(List.of(python(), "-S", script.toString()));
  }

  /** The runtime's command, as the apps' relevo.yml lists it. */
  List<String> command() {
    return command;
  }

  private static String python() {
    // Debian's own first: a pyenv shim on the PATH costs a shell script per start.
    Path system = Path.of("/usr/bin/python3");
    if (Files.isExecutable(system)) {
      return system.toString();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "python3");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(
        "python3 is missing; install it (e.g. sudo apt-get install python3) to run this section");
  }
}
