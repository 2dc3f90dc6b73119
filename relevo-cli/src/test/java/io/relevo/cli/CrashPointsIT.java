package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash-point harness: the real agent is killed with {@code kill -9} at seeded random moments
 * of deploys (canary and blue-green), aborts and rollbacks run through the real CLI, restarted, and
 * every time the app must converge: one stable revision serving all traffic through the real proxy,
 * no process of the app that history does not know as running, no rollout left running, and the
 * proxy's split equal to the engine's view. {@code -Drelevo.crash.points=N} (default 3, the bounded
 * run CI takes) and {@code -Drelevo.crash.seed=S} (default 42) choose the run; each point prints
 * one line, and the lines go to {@code target/crash-points.txt} (see bench/crash-points).
 */
class CrashPointsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String APP = "alojamientos";
  private static final int DEFAULT_POINTS = 3;

  @TempDir Path dir;
  private final String marker = "relevo.crashpoints=" + UUID.randomUUID();
  private Map<String, String> env;
  private Process agent;
  private int agents;
  private final List<Process> clients = new ArrayList<>();

  @AfterEach
  void stopEverything() throws Exception {
    if (agent != null && agent.isAlive()) {
      RelevoProcess.run(env, dir, "stop", APP);
      agent.destroyForcibly();
      agent.waitFor();
    }
    clients.forEach(Process::destroyForcibly);
    appProcesses().forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void everyRolloutConvergesAfterTheAgentIsKilledAtRandomPoints() throws Exception {
    assumeThat(Path.of("/proc/self/stat")).exists();
    // A bounded run by default, so that CI takes it (well under a minute on an idle machine);
    // bench/crash-points runs 50.
    int points = Integer.getInteger("relevo.crash.points", DEFAULT_POINTS);
    long seed = Long.getLong("relevo.crash.seed", 42);
    Random random = new Random(seed);
    env = Map.of("RELEVO_STATE_DIR", dir.resolve("state").toString());
    int port = freePort();
    Path canary = writeConfig("canary.yml", port, CANARY);
    Path blueGreen = writeConfig("bluegreen.yml", port, "bluegreen: {}");
    agent = startAgent();
    RelevoProcess.Result first =
        RelevoProcess.run(env, dir, "deploy", APP, "--version", "v0", "-f", blueGreen.toString());
    assertThat(first.exitCode()).as(first.toString()).isZero();

    List<String> lines = new ArrayList<>();
    lines.add("crash points: " + points + ", seed " + seed);
    for (int point = 1; point <= points; point++) {
      String version = "v" + point;
      String kind = List.of("canary", "bluegreen", "abort", "rollback").get(random.nextInt(4));
      long killAfter;
      long before = newestRollout();
      long started = System.nanoTime();
      switch (kind) {
        case "canary" -> {
          started(before, background("deploy", APP, "--version", version, "-f", canary.toString()));
          started = System.nanoTime();
          killAfter = random.nextInt(3_500);
        }
        case "bluegreen" -> {
          started(
              before, background("deploy", APP, "--version", version, "-f", blueGreen.toString()));
          started = System.nanoTime();
          killAfter = random.nextInt(2_000);
        }
        case "abort" -> {
          started(before, background("deploy", APP, "--version", version, "-f", canary.toString()));
          Thread.sleep(300 + random.nextInt(1_500));
          Process abort = background("abort", APP, "--reason", "crash point " + point);
          abort.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
          started = System.nanoTime();
          killAfter = random.nextInt(800);
        }
        default -> {
          started(before, background("rollback", APP, "--reason", "crash point " + point));
          started = System.nanoTime();
          killAfter = random.nextInt(1_500);
        }
      }
      Thread.sleep(killAfter);
      agent.destroyForcibly();
      agent.waitFor();
      clients.forEach(Process::destroyForcibly);
      clients.clear();
      long killedAt = System.nanoTime();
      agent = startAgent();
      JsonNode status = converged();
      long convergedMs = (System.nanoTime() - killedAt) / 1_000_000;
      assertConsistent(port);
      JsonNode newest = history().get(0);
      boolean resumed =
          newest.path("events").findValuesAsText("message").stream()
              .anyMatch(m -> m.startsWith("resumed after an agent restart"));
      String line =
          "point %2d: %-9s killed %5d ms after it began; rollout %s %s%s; stable %s; converged %5d ms after the kill"
              .formatted(
                  point,
                  kind,
                  (killedAt - started) / 1_000_000,
                  newest.path("id").asText(),
                  newest.path("outcome").asText().toLowerCase(java.util.Locale.ROOT),
                  resumed ? " (resumed)" : "",
                  status.path("stable").path("version").asText(),
                  convergedMs);
      System.out.println(line);
      lines.add(line);
    }
    Path report = Path.of("target", "crash-points.txt");
    Files.createDirectories(report.getParent());
    Files.write(report, lines);
  }

  private static final String CANARY =
      "canary:\n    steps: [{weight: 20}, {pause: 1s}, {weight: 50}, {pause: 1s}, {weight: 100}]";

  /** Waits until no rollout is under way and returns the app's status. */
  private JsonNode converged() {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> {
              last[0] = api("/api/v1/apps/" + APP);
              return last[0].path("activeRollout").isNull()
                  || last[0].path("activeRollout").isMissingNode();
            });
    return last[0];
  }

  /**
   * One stable revision takes all traffic and answers at the front door; the app's processes are
   * exactly the running revisions of history; no rollout is left running.
   */
  private void assertConsistent(int port) {
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              Set<String> processes =
                  appProcesses().stream()
                      .map(p -> Long.toString(p.pid()))
                      .collect(Collectors.toCollection(TreeSet::new));
              JsonNode status = api("/api/v1/apps/" + APP);
              JsonNode stable = status.path("stable");
              assertThat(stable.isObject()).as("a stable revision: %s", status).isTrue();
              JsonNode backends = status.path("split").path("backends");
              assertThat(backends.size()).as("split %s", status.path("split")).isEqualTo(1);
              assertThat(backends.get(0).path("revision").asInt())
                  .isEqualTo(stable.path("number").asInt());
              Set<String> running = new TreeSet<>();
              for (JsonNode revision : status.path("running")) {
                assertThat(revision.path("state").asText())
                    .as("revision %s", revision.path("number"))
                    .isIn("SERVING", "WARM");
                running.add(revision.path("instance").path("id").asText());
              }
              assertThat(processes).as("processes of the app vs history").isEqualTo(running);
              for (JsonNode rollout : history()) {
                assertThat(rollout.path("outcome").asText())
                    .as("rollout %s", rollout.path("id"))
                    .isNotEqualTo("RUNNING");
              }
              for (int i = 0; i < 5; i++) {
                assertThat(versionServed(port)).isEqualTo(stable.path("version").asText());
              }
            });
  }

  private JsonNode history() throws IOException, InterruptedException {
    return api("/api/v1/apps/" + APP + "/history?limit=100");
  }

  private JsonNode api(String path) throws IOException, InterruptedException {
    JsonNode file = JSON.readTree(dir.resolve("state").resolve("agent.json").toFile());
    String token = Files.readString(dir.resolve("state").resolve("token")).strip();
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(file.path("url").asText() + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private List<ProcessHandle> appProcesses() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .filter(ProcessHandle::isAlive)
        .filter(p -> !isZombie(p.pid()))
        .toList();
  }

  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private Process background(String... args) throws IOException {
    Process client =
        RelevoProcess.builder(env, dir, args)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("clients.log").toFile()))
            .start();
    clients.add(client);
    return client;
  }

  /** The id of the app's newest rollout. */
  private long newestRollout() throws IOException, InterruptedException {
    return api("/api/v1/apps/" + APP + "/history?limit=1").path(0).path("id").asLong();
  }

  /** Waits until the agent took the command (a new rollout) or the command ended (refused). */
  private void started(long before, Process client) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(() -> newestRollout() > before || !client.isAlive());
  }

  private Process startAgent() throws IOException {
    Path agentFile = dir.resolve("state").resolve("agent.json");
    Files.deleteIfExists(agentFile);
    Path log = dir.resolve("agent" + (++agents) + ".log");
    Process process =
        RelevoProcess.builder(env, dir, "agent", "--api", "127.0.0.1:0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.exists(agentFile) || !process.isAlive());
    assertThat(process.isAlive()).as("agent log:\n%s", Files.readString(log)).isTrue();
    return process;
  }

  private Path writeConfig(String name, int port, String strategy) throws IOException {
    Path config = dir.resolve(name);
    Files.writeString(
        config,
        """
        app: alojamientos
        runtime:
          command: ["%s", "-D%s", "-Xmx48m", "-XX:TieredStopAtLevel=1", "-cp", "%s", "io.relevo.example.alojamientos.Main"]
        listen: 127.0.0.1:%d
        health:
          readiness: {path: /api/v1/healthz, interval: 200ms, timeout: 1s, retries: 3, start_period: 10s}
        strategy:
          %s
        rollback:
          keep_previous: 20s
          watch_after_promotion: 0s
        proxy:
          drain_timeout: 1s
        """
            .formatted(RelevoProcess.JAVA, marker, RelevoProcess.JAR, port, strategy));
    return config;
  }

  private static String versionServed(int port) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/accommodations"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.headers().firstValue("X-App-Version").orElse("none");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
