package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relevo.core.testing.SteadyLoad;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole one-host story through the real jar, as separate processes: an agent, then deploy,
 * refuse, status, rollback, history and logs from the command line, then an agent restart that
 * re-adopts the running revision instead of starting a new one.
 */
class CliEndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Process agent;
  private Map<String, String> env;

  @AfterEach
  void stopEverything() throws Exception {
    if (agent != null && agent.isAlive()) {
      RelevoProcess.run(env, dir, "stop", "alojamientos");
      agent.destroy();
      agent.waitFor();
    }
  }

  @Test
  void shipsRefusesRollsBackAndSurvivesAnAgentRestart() throws Exception {
    env = Map.of("RELEVO_STATE_DIR", dir.resolve("state").toString());
    int port = freePort();
    Path config = writeConfig(port);
    agent = startAgent();

    RelevoProcess.Result v1 =
        relevo("deploy", "alojamientos", "--version", "v1", "-f", config.toString());
    assertThat(v1.exitCode()).as(v1.toString()).isZero();
    assertThat(v1.out()).contains("revision 1 (v1) serves all traffic");

    SteadyLoad load = SteadyLoad.start(port);
    try {
      RelevoProcess.Result v2 =
          relevo("deploy", "alojamientos", "--version", "v2", "-f", config.toString());
      assertThat(v2.exitCode()).as(v2.toString()).isZero();

      RelevoProcess.Result refused =
          relevo("deploy", "alojamientos", "--version", "v3-notready", "-f", config.toString());
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
      assertThat(refused.err())
          .contains("revision 2 (v2) of alojamientos is in its watch after promotion")
          .contains("--force --reason");

      RelevoProcess.Result v3 =
          relevo(
              "deploy",
              "alojamientos",
              "--version",
              "v3-notready",
              "-f",
              config.toString(),
              "--force",
              "--reason",
              "stage a release that never gets ready");
      assertThat(v3.exitCode()).as(v3.toString()).isEqualTo(1);
      assertThat(v3.out() + v3.err())
          .contains("revision 3 (v3-notready) is unhealthy")
          .contains("traffic stays on revision 2 (v2)");
      assertThat(stable().path("number").asInt()).isEqualTo(2);

      RelevoProcess.Result rollback =
          relevo("rollback", "alojamientos", "--reason", "errors after v2");
      assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
      assertThat(versionServed(port)).isEqualTo("v1");
    } finally {
      load.close();
    }
    assertThat(load.sent.get()).isPositive();
    assertThat(load.failed.get()).as("failed requests out of %d", load.sent.get()).isZero();

    JsonNode history = JSON.readTree(relevo("history", "alojamientos", "--output", "json").out());
    assertThat(history).hasSize(4);
    assertThat(history.get(0).path("kind").asText()).isEqualTo("ROLLBACK");
    assertThat(history.get(0).path("outcome").asText()).isEqualTo("RESTORED");
    assertThat(history.get(0).path("toRevisionVerdict").path("mark").asText()).isEqualTo("GOOD");
    assertThat(history.get(1).path("toRevisionVerdict").path("mark").asText()).isEqualTo("BAD");
    assertThat(history.get(2).path("toRevisionVerdict").path("mark").asText())
        .as("the rollback went away from revision 2")
        .isEqualTo("BAD");
    assertThat(history.get(0).path("reason").asText()).isEqualTo("errors after v2");
    assertThat(history.get(0).path("actor").asText()).isNotBlank();
    assertThat(history.get(1).path("outcome").asText()).isEqualTo("FAILED");
    assertThat(history.get(2).path("outcome").asText()).isEqualTo("ROLLED_BACK");

    assertThat(relevo("logs", "alojamientos", "--revision", "1").out())
        .contains("alojamientos v1 listening");

    String pid = stable().path("instance").path("id").asText();
    agent.destroy();
    assertThat(agent.waitFor()).isIn(0, 143);
    assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive)).contains(true);

    agent = startAgent();
    JsonNode readopted = stable();
    assertThat(readopted.path("number").asInt()).isEqualTo(1);
    assertThat(readopted.path("instance").path("id").asText()).isEqualTo(pid);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(versionServed(port)).isEqualTo("v1"));

    RelevoProcess.Result stop = relevo("stop", "alojamientos");
    assertThat(stop.exitCode()).as(stop.toString()).isZero();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)
                    == false);
  }

  private RelevoProcess.Result relevo(String... args) throws IOException, InterruptedException {
    return RelevoProcess.run(env, dir, args);
  }

  private JsonNode stable() throws IOException, InterruptedException {
    RelevoProcess.Result status = relevo("status", "alojamientos", "--output", "json");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    return JSON.readTree(status.out()).path("stable");
  }

  private Process startAgent() throws IOException {
    Path agentFile = dir.resolve("state").resolve("agent.json");
    Files.deleteIfExists(agentFile);
    Process process =
        RelevoProcess.builder(env, dir, "agent", "--api", "127.0.0.1:0")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent.log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(agentFile) || !process.isAlive());
    assertThat(process.isAlive())
        .as("agent log:\n%s", Files.readString(dir.resolve("agent.log")))
        .isTrue();
    return process;
  }

  private Path writeConfig(int port) throws IOException {
    Path config = dir.resolve("relevo.yml");
    Files.writeString(
        config,
        """
        app: alojamientos
        runtime:
          command: ["%s", "-cp", "%s", "io.relevo.example.alojamientos.Main"]
        listen: 127.0.0.1:%d
        health:
          readiness: {path: /api/v1/healthz, interval: 200ms, timeout: 1s, retries: 3, start_period: 5s}
        smoke:
          - {path: /api/v1/accommodations, body_contains: city}
        proxy:
          drain_timeout: 5s
        """
            .formatted(RelevoProcess.JAVA, RelevoProcess.JAR, port));
    return config;
  }

  private static String versionServed(int port) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/accommodations"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.headers().firstValue("X-App-Version").orElse("none");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
