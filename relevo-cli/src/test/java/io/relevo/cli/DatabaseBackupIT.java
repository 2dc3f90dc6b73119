package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relevo.core.config.DatabaseUrl;
import io.relevo.postgres.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups through the real jar against a real PostgreSQL: a deploy with {@code migrations.backup}
 * dumps and verifies first, {@code relevo backup} takes one on demand, {@code relevo backups} lists
 * them, and a deploy whose database refuses the password stops before anything starts.
 */
@ExtendWith(PostgresServer.class)
class DatabaseBackupIT {

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
  void deploysBackUpFirstAndAWrongPasswordStopsTheDeployBeforeItStarts(PostgresServer server)
      throws Exception {
    DatabaseUrl db = server.newDatabase("alojamientos");
    PostgresServer.execute(
        db,
        "CREATE TABLE accommodations (id serial PRIMARY KEY, name text NOT NULL)",
        "CREATE TABLE reservations (id serial PRIMARY KEY, accommodation int, guest text)",
        "INSERT INTO accommodations (name) VALUES ('Cabaña del lago'), ('Refugio')");
    String url =
        "postgresql://"
            + db.user()
            + ":"
            + db.password()
            + "@127.0.0.1:"
            + db.port()
            + "/"
            + db.database();
    env = Map.of("RELEVO_STATE_DIR", dir.resolve("state").toString(), "DATABASE_URL", url);
    int port = freePort();
    Path config = writeConfig("relevo.yml", port, "${DATABASE_URL}", "1h");
    agent = startAgent();

    RelevoProcess.Result v1 =
        relevo("deploy", "alojamientos", "--version", "v1", "-f", config.toString());
    assertThat(v1.exitCode()).as(v1.toString()).isZero();
    assertThat(v1.out()).contains("backup 1: ", "2 tables", "verified");

    RelevoProcess.Result now = relevo("backup", "alojamientos");
    assertThat(now.exitCode()).as(now.toString()).isZero();
    assertThat(now.out()).startsWith("alojamientos: backup 2 verified: ");

    JsonNode backups = JSON.readTree(relevo("backups", "alojamientos", "--output", "json").out());
    assertThat(backups).hasSize(2);
    assertThat(backups.get(0).path("trigger").asText()).startsWith("on demand by ");
    assertThat(backups.get(1).path("trigger").asText()).startsWith("before rollout ");
    Path file = Path.of(backups.get(0).path("file").asText());
    assertThat(file).hasParent(dir.resolve("backups"));
    assertThat(backups.get(0).path("sha256").asText()).isEqualTo(sha256(file));
    assertThat(backups.get(0).path("sizeBytes").asLong()).isEqualTo(Files.size(file));
    assertThat(relevo("backups", "alojamientos").out()).contains("on demand by", "2 ");

    Path wrong =
        writeConfig(
            "relevo-wrong.yml",
            port,
            "postgresql://relevo:not-the-password-77@127.0.0.1:" + db.port() + "/" + db.database(),
            "1ms");
    RelevoProcess.Result refused =
        relevo("deploy", "alojamientos", "--version", "v2", "-f", wrong.toString());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.out() + refused.err())
        .contains(
            "backup failed: PostgreSQL at 127.0.0.1:"
                + db.port()
                + " refused user \"relevo\": wrong password (the one in the URL, not shown)")
        .contains("so the deploy did not start")
        .contains("traffic stays on revision 1 (v1)")
        .doesNotContain("not-the-password-77");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        JSON.readTree(relevo("status", "alojamientos", "--output", "json").out())
                            .path("stable")
                            .path("number")
                            .asInt())
                    .isEqualTo(1));
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

  private Path writeConfig(String name, int port, String databaseUrl, String maxAge)
      throws IOException {
    Path config = dir.resolve(name);
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
          drain_timeout: 2s
        rollback:
          watch_after_promotion: 0s
        migrations:
          backup: {postgres: "%s", dir: backups, keep: 5, max_age: %s}
        """
            .formatted(RelevoProcess.JAVA, RelevoProcess.JAR, port, databaseUrl, maxAge));
    return config;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
