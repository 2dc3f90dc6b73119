package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent restarted from a shell that lacks a variable the config interpolates brings the app back
 * as it was deployed, with the values the revision was deployed with, kept sealed in the state dir:
 * the real jar, a real app process and its front door.
 */
class AgentRestartWithoutVariableIT {

  private static final String SECRET = "DB_PASSWORD";
  private static final String PASSWORD = "s3cret-Pa55-7f3a";

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
  void theAppAnswersThroughItsFrontDoorAsDeployedWithoutAnAlert() throws Exception {
    String state = dir.resolve("state").toString();
    withSecret = Map.of("RELEVO_STATE_DIR", state, SECRET, PASSWORD);
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
    assertThat(status.out()).contains("listen:   127.0.0.1:" + port).doesNotContain("ALERT");
    String log = Files.readString(dir.resolve("agent2.log"));
    assertThat(log).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain(PASSWORD);
  }

  @Test
  void anAgentWithAnEmptyEnvironmentColdRestartsARevisionWithItsPasswordKeptOnlySealed()
      throws Exception {
    String state = dir.resolve("state").toString();
    withSecret = Map.of("RELEVO_STATE_DIR", state, SECRET, PASSWORD);
    without = Map.of("RELEVO_STATE_DIR", state);
    int port = freePort();
    Path config = writeConfig(port);
    agent = startAgent(withSecret, "agent1.log");
    RelevoProcess.Result v1 =
        RelevoProcess.run(
            withSecret, dir, "deploy", "alojamientos", "--version", "v1", "-f", config.toString());
    assertThat(v1.exitCode()).as(v1.toString()).isZero();
    List<ProcessHandle> revisions = revisionProcesses(agent);
    assertThat(revisions).isNotEmpty();

    agent.destroyForcibly();
    agent.waitFor();
    revisions.forEach(ProcessHandle::destroyForcibly); // the revision is gone too: a cold start
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> revisions.stream().noneMatch(ProcessHandle::isAlive));
    agent = startAgent(Map.of("RELEVO_STATE_DIR", state), "agent2.log", true);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(versionServed(port)).isEqualTo("v1"));
    List<ProcessHandle> restarted = revisionProcesses(agent);
    assertThat(restarted).hasSize(1);
    assertThat(environ(restarted.getFirst().pid())).contains(SECRET + "=" + PASSWORD);
    List<String> answers = new ArrayList<>();
    for (String[] command :
        List.of(
            new String[] {"status", "alojamientos", "--output", "json"},
            new String[] {"history", "alojamientos", "--output", "json"},
            new String[] {"status", "alojamientos"})) {
      RelevoProcess.Result answer = RelevoProcess.run(without, dir, command);
      assertThat(answer.exitCode()).as(answer.toString()).isZero();
      answers.add(answer.out() + answer.err());
    }
    assertThat(String.join("\n", answers)).contains("v1").doesNotContain(PASSWORD);
    assertThat(answers.get(2)).doesNotContain("ALERT");
    assertThat(Files.readAllBytes(dir.resolve("state").resolve("history.db")))
        .asString(StandardCharsets.ISO_8859_1)
        .doesNotContain(PASSWORD);
    String log =
        Files.readString(dir.resolve("agent1.log")) + Files.readString(dir.resolve("agent2.log"));
    assertThat(log).doesNotContain(PASSWORD).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("state").resolve("env.key"))))
        .isEqualTo("rw-------");
  }

  private static String environ(long pid) throws IOException {
    return new String(
            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
            StandardCharsets.UTF_8)
        .replace('\0', '\n');
  }

  private Process startAgent(Map<String, String> env, String logName) throws IOException {
    return startAgent(env, logName, false);
  }

  /** Starts an agent; with {@code only}, its environment holds {@code env} and nothing else. */
  private Process startAgent(Map<String, String> env, String logName, boolean only)
      throws IOException {
    Path agentFile = dir.resolve("state").resolve("agent.json");
    Files.deleteIfExists(agentFile);
    ProcessBuilder builder = RelevoProcess.builder(env, dir, "agent", "--api", "127.0.0.1:0");
    if (only) {
      builder.environment().clear();
      builder.environment().putAll(env);
    }
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

  /** The agent's children that run revisions: not its proxy process nor the proxy's standby. */
  private static List<ProcessHandle> revisionProcesses(Process agent) {
    return agent
        .descendants()
        .filter(p -> !p.info().commandLine().orElse("").contains("ProxyDaemon"))
        .toList();
  }
}
