package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gates through the real jar and a real agent: a closed window refuses a deploy and starts nothing,
 * {@code --override-window --reason} lets it through, history shows both, a rollback passes the
 * closed window, and {@code check} judges secrets as the agent's revision would see them; {@code
 * verify} checks through the front door are recorded, and a failed one switches back.
 */
class GatesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAYMENT_KEY = "f3a9c2e17b804d6a9e5c1b2d7f60a84e";

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
  void aClosedWindowRefusesAnOverrideLetsThroughAndHistoryKeepsBoth() throws Exception {
    env = Map.of("RELEVO_STATE_DIR", dir.resolve("state").toString(), "PAYMENT_KEY", PAYMENT_KEY);
    int port = freePort();
    Path config = writeConfig(dir.resolve("relevo.yml"), port, 20, "");
    agent = startAgent();

    RelevoProcess.Result check =
        relevo("check", "alojamientos", "-f", config.toString(), "-o", "json");
    assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
    JsonNode results = JSON.readTree(check.out()).path("results");
    assertThat(results.get(0).path("gate").asText()).isEqualTo("secrets");
    assertThat(results.get(0).path("status").asText()).isEqualTo("PASSED");
    assertThat(results.get(1).path("status").asText()).isEqualTo("FAILED");

    RelevoProcess.Result refused =
        relevo("deploy", "alojamientos", "--version", "v1", "-f", config.toString());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.out())
        .contains("refused by gates")
        .contains("change freeze")
        .contains("release audit")
        .contains("opens next")
        .contains("nothing was started");

    RelevoProcess.Result noReason =
        relevo(
            "deploy",
            "alojamientos",
            "--version",
            "v1",
            "-f",
            config.toString(),
            "--override-window");
    assertThat(noReason.exitCode()).as(noReason.toString()).isEqualTo(2);
    assertThat(noReason.err()).contains("--override-window needs a reason");

    RelevoProcess.Result v1 = overridden(config, "v1");
    assertThat(v1.exitCode()).as(v1.toString()).isZero();
    assertThat(v1.out())
        .contains("gate     warning   window: overridden:")
        .contains("overridden by ana: SEV2 hotfix");
    RelevoProcess.Result v2 = overridden(config, "v2");
    assertThat(v2.exitCode()).as(v2.toString()).isZero();

    RelevoProcess.Result rollback =
        relevo("rollback", "alojamientos", "--reason", "v2 is slow", "--actor", "ana");
    assertThat(rollback.exitCode())
        .as("a closed window never holds a rollback: %s", rollback)
        .isZero();

    RelevoProcess.Result first = relevo("history", "alojamientos", "--rollout", "1");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out())
        .contains("outcome: failed")
        .contains("gate     failed    window: failed: change freeze");
    RelevoProcess.Result second = relevo("history", "alojamientos", "--rollout", "2");
    assertThat(second.out())
        .contains("by ana")
        .contains("gate     ok        secrets: passed")
        .contains("gate     warning   window: overridden:")
        .contains("overridden by ana: SEV2 hotfix");

    RelevoProcess.Result missing = relevo("history", "alojamientos", "--rollout", "99");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no rollout 99 of alojamientos");

    Path strict = writeConfig(dir.resolve("strict.yml"), freePort(), 100, "");
    RelevoProcess.Result weak = relevo("check", "alojamientos", "-f", strict.toString());
    assertThat(weak.exitCode()).as(weak.toString()).isEqualTo(1);
    assertThat(weak.out())
        .contains("PAYMENT_KEY: 32 characters (expected: min_length 100)")
        .doesNotContain(PAYMENT_KEY);

    Path hook = Files.writeString(dir.resolve("pre.sh"), "#!/bin/sh\nenv > hook.env\n");
    Path hooked =
        writeConfig(dir.resolve("hooked.yml"), port, 20, "hooks:\n  pre_deploy: [./pre.sh]\n");
    RelevoProcess.Result notExecutable = overridden(hooked, "v3");
    assertThat(notExecutable.exitCode()).as(notExecutable.toString()).isEqualTo(1);
    assertThat(notExecutable.out())
        .contains("pre_deploy hook ./pre.sh is not executable (expected: chmod +x " + hook);
    hook.toFile().setExecutable(true);
    RelevoProcess.Result v4 = overridden(hooked, "v4");
    assertThat(v4.exitCode()).as(v4.toString()).isZero();
    assertThat(Files.readAllLines(dir.resolve("hook.env")))
        .contains("RELEVO_APP=alojamientos", "RELEVO_VERSION=v4", "PAYMENT_KEY=" + PAYMENT_KEY);

    Path verified = writeConfig(dir.resolve("verified.yml"), port, 20, VERIFY);
    RelevoProcess.Result v5 =
        relevo(
            "deploy",
            "alojamientos",
            "--version",
            "v5",
            "-f",
            verified.toString(),
            "-o",
            "json",
            "--override-window",
            "--reason",
            "SEV2 hotfix");
    assertThat(v5.exitCode()).as(v5.toString()).isZero();
    String v5Rollout = JSON.readTree(v5.out()).path("id").asText();
    RelevoProcess.Result v5History = relevo("history", "alojamientos", "--rollout", v5Rollout);
    assertThat(v5History.out())
        .as(v5History.toString())
        .contains("verify   started   3 verification checks against the front door 127.0.0.1:")
        .contains("verify   ok        GET /api/v1/healthz: status 200")
        .contains("verify   ok        GET /metrics: status 200")
        .contains("verify   ok        GET /api/v1/version: status 200")
        .doesNotContain(PAYMENT_KEY);
    Path broken =
        writeConfig(dir.resolve("broken.yml"), port, 20, VERIFY + "  - {path: /api/v1/nope}\n");
    RelevoProcess.Result v6 = overridden(broken, "v6");
    assertThat(v6.exitCode()).as(v6.toString()).isEqualTo(1);
    assertThat(v6.out())
        .contains("verify   failed    GET /api/v1/nope: status 404 (expected: 200)")
        .contains("1 of 4 verification checks failed after promotion")
        .containsPattern("traffic is back on revision \\d+ \\(v5\\)");
  }

  /**
   * The runbooks' checks after a deploy: health JSON, metrics, an API call with a secret header.
   */
  private static final String VERIFY =
      """
      verify:
        - {path: /api/v1/healthz, expect_json: {status: healthy}}
        - {path: /metrics}
        - {path: /api/v1/version, headers: {X-Payment-Key: "${PAYMENT_KEY}"}, max_latency: 2s}
      """;

  private RelevoProcess.Result overridden(Path config, String version) throws Exception {
    return relevo(
        "deploy",
        "alojamientos",
        "--version",
        version,
        "-f",
        config.toString(),
        "--override-window",
        "--reason",
        "SEV2 hotfix",
        "--actor",
        "ana");
  }

  private RelevoProcess.Result relevo(String... args) throws IOException, InterruptedException {
    return RelevoProcess.run(env, dir, args);
  }

  private Process startAgent() throws IOException {
    Path agentFile = dir.resolve("state").resolve("agent.json");
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

  /** A config whose window is frozen from yesterday to tomorrow (UTC): closed whenever it runs. */
  private static Path writeConfig(Path config, int port, int keyLength, String extra)
      throws IOException {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Files.writeString(
        config,
        """
        app: alojamientos
        runtime:
          command: ["%s", "-cp", "%s", "io.relevo.example.alojamientos.Main"]
        listen: 127.0.0.1:%d
        health:
          readiness: {path: /api/v1/healthz, interval: 200ms, timeout: 1s, retries: 3, start_period: 5s}
        rollback:
          watch_after_promotion: 0s
        proxy:
          drain_timeout: 2s
        gates:
          secrets:
            PAYMENT_KEY: {min_length: %d, format: hex}
          window:
            days: [mon-sun]
            freezes:
              - {from: %s, to: %s, reason: release audit}
        %s"""
            .formatted(
                RelevoProcess.JAVA,
                RelevoProcess.JAR,
                port,
                keyLength,
                today.minusDays(1),
                today.plusDays(1),
                extra));
    return config;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
