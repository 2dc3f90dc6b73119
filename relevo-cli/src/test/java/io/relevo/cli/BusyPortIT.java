package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port that another process holds is bad input (exit code 2) that names the port and the way out,
 * not "no agent reachable" (3): through the real jar, with this test's socket as the other process.
 */
class BusyPortIT {

  @TempDir Path dir;
  private Process agent;

  @AfterEach
  void stopAgent() throws InterruptedException {
    if (agent != null) {
      agent.destroy();
      agent.waitFor();
    }
  }

  @Test
  void anAgentOnAnAdminPortThatAnotherProcessHoldsExitsWithBadInputNamingThePort()
      throws Exception {
    Map<String, String> env = Map.of("RELEVO_STATE_DIR", dir.resolve("state").toString());
    try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String api = "127.0.0.1:" + holder.getLocalPort();

      RelevoProcess.Result result = RelevoProcess.run(env, dir, "agent", "--api", api);

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(result.err())
          .as(result.toString())
          .contains(
              "relevo: --api: "
                  + api
                  + " is already in use (by another process); pick another --api or stop what"
                  + " holds it");
    }
  }

  @Test
  void aDeployWhoseListenPortAnotherProcessHoldsExitsWithBadInputNamingThePort() throws Exception {
    Path state = dir.resolve("state");
    Map<String, String> env = Map.of("RELEVO_STATE_DIR", state.toString());
    agent =
        RelevoProcess.builder(env, dir, "agent", "--api", "127.0.0.1:0")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent.log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(state.resolve("agent.json")) || !agent.isAlive());
    try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String listen = "127.0.0.1:" + holder.getLocalPort();
      Path config = writeConfig(listen);

      RelevoProcess.Result result =
          RelevoProcess.run(env, dir, "deploy", "busy", "--version", "v1", "-f", config.toString());

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(result.err())
          .as(result.toString())
          .contains(
              "app busy: "
                  + listen
                  + " is already in use (by another process); pick another `listen` in"
                  + " relevo.yml or stop what holds it");
    }
  }

  private Path writeConfig(String listen) throws IOException {
    Path config = dir.resolve("relevo.yml");
    Files.writeString(
        config,
        """
        app: busy
        runtime:
          command: ["sleep", "60"]
        listen: %s
        """
            .formatted(listen));
    return config;
  }
}
