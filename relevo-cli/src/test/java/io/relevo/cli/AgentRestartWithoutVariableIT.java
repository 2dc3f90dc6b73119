package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * An agent restarted from a shell that lacks a variable the config interpolates keeps the app
 * reachable and says in {@code relevo status} what it could not reload: the real jar, a real app
 * process and its front door.
 */
class AgentRestartWithoutVariableIT {

  private static final String SECRET = "DB_PASSWORD";

  @TempDir Path dir;
  private Map<String, String> withSecret;
  private Map<String, String> without;
  private Process agent;

  @AfterEach
  void stopEverything() throws Exception {
    if (agent != null && agent.isAlive()) {
      RelevoProcess.run(without, dir, "stop", "alojamientos");
      agent.destroy();
      agent.waitFor();
    }
  }

  @Test
  void theAppStillAnswersThroughItsFrontDoorAndStatusSaysWhatCouldNotBeReloaded() throws Exception {
    String state = dir.resolve("state").toString();
    withSecret = Map.of("RELEVO_STATE_DIR", state, SECRET, "s3cret");
    without = Map.of("RELEVO_STATE_DIR", state);
    int port = freePort();
    Path config = writeConfig(port);
    agent = startAgent(withSecret, "agent1.log");
    RelevoProcess.Result v1 =
        RelevoProcess.run(
            withSecret, dir, "deploy", "alojamientos", "--version", "v1", "-f", config.toString());
    assertThat(v1.exitCode()).as(v1.toString()).isZero();

    agent.destroyForcibly();
    agent.waitFor();
    agent = startAgent(without, "agent2.log");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(versionServed(port)).isEqualTo("v1"));
    RelevoProcess.Result status = RelevoProcess.run(without, dir, "status", "alojamientos");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out())
        .contains("listen:   127.0.0.1:" + port)
        .contains(
            "ALERT:    the agent's environment does not set ${DB_PASSWORD}, which the config of"
                + " revision 1 (v1) needs: its running revisions were re-adopted and its front door"
                + " reopened");
    String log = Files.readString(dir.resolve("agent2.log"));
    assertThat(log.lines().filter(line -> line.contains("${DB_PASSWORD}"))).hasSize(1);
    assertThat(log).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("s3cret");
  }

  private Process startAgent(Map<String, String> env, String logName) throws IOException {
    Path agentFile = dir.resolve("state").resolve("agent.json");
    Files.deleteIfExists(agentFile);
    ProcessBuilder builder = RelevoProcess.builder(env, dir, "agent", "--api", "127.0.0.1:0");
    if (!env.containsKey(SECRET)) {
      builder.environment().remove(SECRET);
    }
    Process process =
        builder.redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile()).start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(agentFile) || !process.isAlive());
    assertThat(process.isAlive())
        .as("agent log:\n%s", Files.readString(dir.resolve(logName)))
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
          env: {DB_PASSWORD: "${DB_PASSWORD}"}
        listen: 127.0.0.1:%d
        health:
          readiness: {path: /api/v1/healthz, interval: 200ms, timeout: 1s, retries: 3, start_period: 5s}
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
