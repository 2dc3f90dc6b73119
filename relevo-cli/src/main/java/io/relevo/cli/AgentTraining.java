package io.relevo.cli;

import io.relevo.core.config.HostPort;
import io.relevo.server.Agent;
import io.relevo.server.AgentOptions;
import io.relevo.server.ProxyControl;
import io.relevo.server.StateDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the agent's ahead-of-time cache (see {@link AotTraining}): starts a real
 * agent in a temporary state dir (the store and its migrations, the engine, the proxy process, the
 * API), asks it for its status as the CLI does, stops it and its proxy process, and deletes the
 * state dir.
 */
final class AgentTraining {

  private AgentTraining() {}

  static void run() throws IOException, InterruptedException {
    Path state = Files.createTempDirectory("relevo-aot-training-agent");
    StateDir dir = new StateDir(state);
    try {
      try (Agent agent = Agent.start(new AgentOptions(dir, new HostPort("127.0.0.1", 0)))) {
        CliContext silent =
            new CliContext(
                Map.of(),
                new PrintWriter(Writer.nullWriter()),
                new PrintWriter(Writer.nullWriter()));
        for (int round = 0; round < 3; round++) {
          Main.run(new String[] {"status", "--state-dir", state.toString()}, silent);
        }
      } finally {
        ProxyControl.stop(dir);
      }
    } finally {
      deleteTree(state);
    }
  }

  /**
   * Deletes the training's state dir. The proxy processes remove their own files as they exit, so a
   * file may vanish while this walks: the walk is tried again. A dir that still cannot go is left
   * in the temp dir and said so; it never fails the training, whose cache is what matters.
   */
  private static void deleteTree(Path root) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
        return;
      } catch (IOException | UncheckedIOException e) {
        if (attempt == 10) {
          System.err.println("left the training's state dir " + root + ": " + e.getMessage());
          return;
        }
        Thread.sleep(100);
      }
    }
  }
}
