package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relevo.core.config.DatabaseUrl;
import io.relevo.postgres.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example app's PostgreSQL mode through the real jar and a real PostgreSQL: its psql migrations
 * (examples/alojamientos/db) run as rollout steps; a backup before each; the destructive one
 * refused by the lint, then allowed with a reason, which makes a point of no return; a SEV1
 * rollback refused with the exact command that restores the backup; that rollback with its measured
 * checklist; a restore drill. Only the agent runs as its own JVM; the CLI runs in-process, which
 * keeps this test short.
 */
@ExtendWith(PostgresServer.class)
class AlojamientosDatabaseIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DB = Path.of("..", "examples", "alojamientos", "db").toAbsolutePath();

  @TempDir Path dir;
  private Process agent;
  private Map<String, String> env;
  private DatabaseUrl db;

  @AfterEach
  void stopEverything() throws Exception {
    if (agent != null && agent.isAlive()) {
      relevo("stop", "alojamientos");
      agent.destroy();
      agent.waitFor();
    }
  }

  @Test
  void backupLintRefusalPointOfNoReturnAndRestore(PostgresServer server) throws Exception {
    db = server.newDatabase("alojamientos");
    String url =
        "postgresql://%s:%s@127.0.0.1:%d/%s"
            .formatted(db.user(), db.password(), db.port(), db.database());
    env =
        Map.of(
            "RELEVO_STATE_DIR", dir.resolve("state").toString(),
            "DATABASE_URL", url,
            "RELEVO_PG_BIN", server.bin().toString());
    Path config = writeConfig(freePort());
    agent = startAgent();

    CliRun v1 = deploy("v1");
    assertThat(v1.exitCode()).as(v1.toString()).isZero();
    assertThat(v1.out()).contains("backup 1: ", "verified");
    assertThat(columns()).contains("guest_phone");

    CliRun refused = deploy("v3");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.out() + refused.err())
        .contains("migration lint refused 1 statement")
        .contains(
            "line 3: ALTER TABLE reservations DROP COLUMN guest_phone: destructive: drops column"
                + " reservations.guest_phone and its data")
        .contains("traffic stays on revision 1 (v1)");
    assertThat(columns()).contains("guest_phone");

    CliRun v3 = deploy("v3", "--allow-destructive", "--reason", "phones live in the CRM now");
    assertThat(v3.exitCode()).as(v3.toString()).isZero();
    assertThat(columns()).doesNotContain("guest_phone");
    JsonNode status = JSON.readTree(relevo("status", "alojamientos", "--output", "json").out());
    assertThat(status.path("alerts").toString()).contains("point of no return: revision 3 (v3)");

    JsonNode backups = JSON.readTree(relevo("backups", "alojamientos", "--output", "json").out());
    JsonNode beforeV3 = backups.get(0);
    long backupId = beforeV3.path("id").asLong();
    Path file = Path.of(beforeV3.path("file").asText());
    assertThat(beforeV3.path("sha256").asText()).isEqualTo(sha256(file));
    assertThat(beforeV3.path("tables").asInt()).isEqualTo(2);

    CliRun codeOnly =
        relevo("rollback", "alojamientos", "--severity", "SEV1", "--reason", "v3 breaks bookings");
    assertThat(codeOnly.exitCode()).as(codeOnly.toString()).isEqualTo(1);
    assertThat(codeOnly.err())
        .contains("(a point of no return)")
        .contains(
            "`relevo rollback alojamientos --severity SEV1 --reason \"v3 breaks bookings\""
                + " --with-restore "
                + backupId
                + "`");

    CliRun restored =
        relevo(
            "rollback",
            "alojamientos",
            "--severity",
            "SEV1",
            "--with-restore",
            Long.toString(backupId),
            "--reason",
            "v3 breaks bookings");
    assertThat(restored.exitCode()).as(restored.toString()).isZero();
    assertThat(columns()).contains("guest_phone");
    assertThat(restored.out())
        .contains("checklist ok        health: ")
        .contains("checklist ok        smoke: no smoke checks configured")
        .contains("checklist ok        error rate: ")
        .contains("checklist ok        backup: newest verified backup ")
        .contains("checklist ok        notified: no channel configured");
    assertThat(relevo("incident", "alojamientos").out())
        .contains("rollback 4: SEV1 (system down)")
        .contains("  ok notified: no channel configured")
        .contains("severity info: SEV1 (system down)")
        .contains("checklist ok: notified: no channel configured");

    CliRun drill = relevo("backup", "verify", "alojamientos");
    assertThat(drill.exitCode()).as(drill.toString()).isZero();
    assertThat(drill.out()).contains("public.accommodations  3", "public.reservations");

    CliRun now = relevo("backup", "alojamientos");
    assertThat(now.exitCode()).as(now.toString()).isZero();
    assertThat(now.out()).contains("verified");

    CliRun unconfirmed = relevo("restore", "alojamientos", "--backup", Long.toString(backupId));
    assertThat(unconfirmed.exitCode()).isEqualTo(2);
    assertThat(unconfirmed.err()).contains("expected: --yes and --reason");
  }

  private CliRun deploy(String version, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "deploy",
                "alojamientos",
                "--version",
                version,
                "-f",
                dir.resolve("relevo.yml").toString()));
    args.addAll(List.of(more));
    return relevo(args.toArray(String[]::new));
  }

  /** The command line in-process: only the agent gets a JVM of its own. */
  private CliRun relevo(String... args) {
    return CliRun.of(env, args);
  }

  private List<String> columns() throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + db.port() + "/" + db.database(),
                db.user(),
                db.password());
        ResultSet rows =
            connection.getMetaData().getColumns(null, "public", "reservations", null)) {
      List<String> names = new ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString("COLUMN_NAME"));
      }
      return names;
    }
  }

  private Process startAgent() throws IOException {
    Path agentFile = dir.resolve("state").resolve("agent.json");
    Process process =
        RelevoProcess.builder(env, dir, "agent", "--api", "127.0.0.1:0")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent.log").toFile())
            .start();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(agentFile) || !process.isAlive());
    assertThat(process.isAlive())
        .as("agent log:\n%s", Files.readString(dir.resolve("agent.log")))
        .isTrue();
    return process;
  }

  private Path writeConfig(int port) throws IOException {
    Path config = dir.resolve("relevo.yml");
    String migrate = DB.resolve("migrate.sh").toString();
    Files.writeString(
        config,
        """
        app: alojamientos
        runtime:
          command: ["%s", "-cp", "%s", "io.relevo.example.alojamientos.Main"]
          env: {DATABASE_URL: "${DATABASE_URL}"}
        listen: 127.0.0.1:%d
        health:
          readiness: {path: /api/v1/healthz, interval: 200ms, timeout: 1s, retries: 3, start_period: 5s}
        proxy:
          drain_timeout: 2s
        rollback:
          watch_after_promotion: 0s
        migrations:
          backup: {postgres: "${DATABASE_URL}", dir: backups, keep: 10, check: "SELECT count(*) FROM accommodations"}
          preview: %s preview
          apply: %s apply
          rollback: %s rollback
          timeout: 1m
        """
            .formatted(RelevoProcess.JAVA, RelevoProcess.JAR, port, migrate, migrate, migrate));
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
