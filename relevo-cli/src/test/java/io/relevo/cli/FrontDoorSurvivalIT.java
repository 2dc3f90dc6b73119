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
 * The front door outlives the agent, with real processes of the jar under steady load: the agent
 * killed with SIGKILL and restarted, then restarted cleanly, loses no request and re-adopts the
 * proxy and the revision; the proxy restarted as planned loses none; the proxy killed with SIGKILL
 * is back by the agent's hand, and the requests lost meanwhile are printed. A short form of {@code
 * bench/frontdoor}, which repeats each 20 times.
 */
class FrontDoorSurvivalIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROUNDS = 2;

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
    RelevoProcess.run(env, dir, "proxy", "stop");
  }

  @Test
  void theFrontDoorServesThroughAgentCrashesAndRestartsAndPlannedProxyRestarts() throws Exception {
    env = Map.of("RELEVO_STATE_DIR", dir.resolve("state").toString());
    int port = freePort();
    agent = startAgent();
    RelevoProcess.Result v1 =
        relevo("deploy", "alojamientos", "--version", "v1", "-f", writeConfig(port).toString());
    assertThat(v1.exitCode()).as(v1.toString()).isZero();
    String revisionPid = stable().path("instance").path("id").asText();
    long proxyPid = proxyPid();

    SteadyLoad load = SteadyLoad.start(port);
    try {
      for (int i = 0; i < ROUNDS; i++) {
        agent.destroyForcibly().waitFor();
        Thread.sleep(1_000); // serving without any agent
        agent = startAgent();
        assertThat(stable().path("instance").path("id").asText()).isEqualTo(revisionPid);
        agent.destroy();
        agent.waitFor();
        agent = startAgent();
      }
      assertThat(proxyPid()).as("the agents re-adopted the one proxy process").isEqualTo(proxyPid);
      for (int i = 0; i < ROUNDS; i++) {
        RelevoProcess.Result restart = relevo("proxy", "restart");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(restart.out()).contains("proxy restarted");
      }
      Thread.sleep(500);
      assertThat(load.failed.get())
          .as("failed requests out of %d: %s", load.sent.get(), load.firstFailures())
          .isZero();
    } finally {
      load.close();
    }
    assertThat(proxyPid()).isNotEqualTo(proxyPid);

    SteadyLoad afterKill = SteadyLoad.start(port);
    try {
      Thread.sleep(300);
      long killed = proxyPid();
      long start = System.nanoTime();
      ProcessHandle.of(killed).orElseThrow().destroyForcibly();
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> proxyPid() != killed && versionServed(port).equals("v1"));
      long backMillis = (System.nanoTime() - start) / 1_000_000;
      Thread.sleep(300);
      System.out.printf(
          "proxy killed with SIGKILL under load: serving again after %d ms, %d of %d requests"
              + " failed%n",
          backMillis, afterKill.failed.get(), afterKill.sent.get());
    } finally {
      afterKill.close();
    }
    assertThat(stable().path("instance").path("id").asText()).isEqualTo(revisionPid);
  }

  private long proxyPid() throws IOException {
    Path file = dir.resolve("state").resolve("proxy.json");
    return Files.exists(file) ? JSON.readTree(file.toFile()).path("pid").asLong() : 0;
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
    Process process =
        RelevoProcess.builder(env, dir, "agent", "--api", "127.0.0.1:0")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile()))
            .start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> agentUp(agentFile, process) || !process.isAlive());
    assertThat(process.isAlive())
        .as("agent log:\n%s", Files.readString(dir.resolve("agent.log")))
        .isTrue();
    return process;
  }

  private static boolean agentUp(Path agentFile, Process process) {
    try {
      return Files.exists(agentFile)
          && JSON.readTree(agentFile.toFile()).path("pid").asLong() == process.pid();
    } catch (IOException e) {
      return false;
    }
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
        proxy:
          drain_timeout: 5s
        """
            .formatted(RelevoProcess.JAVA, RelevoProcess.JAR, port));
    return config;
  }

  private static String versionServed(int port) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/api/v1/accommodations"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.headers().firstValue("X-App-Version").orElse("none");
    } catch (IOException e) {
      return "none";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "none";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
