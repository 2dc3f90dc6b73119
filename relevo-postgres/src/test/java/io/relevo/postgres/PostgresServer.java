package io.relevo.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import io.relevo.core.config.DatabaseUrl;
import io.relevo.core.runtime.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A throwaway PostgreSQL server for the tests: Debian's initdb and pg_ctl in a temp folder, on a
 * free port, password authentication (scram-sha-256) on 127.0.0.1. Started once per test run and
 * stopped when the run ends; each test asks for its own database with {@link #newDatabase}.
 *
 * <p>initdb refuses to run as root, so as root the server runs as the {@code postgres} user (made
 * by Debian's package) through {@code runuser}. Without PostgreSQL the tests are skipped with the
 * reason; under {@code RELEVO_REQUIRE_ALL=1} they fail instead.
 */
public final class PostgresServer implements ParameterResolver, AutoCloseable {

  public static final String USER = "relevo";
  public static final String PASSWORD = "relevo-test-pw-3141";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path dir;
  private final Path bin;
  private final int port;
  private final List<String> asOwner;

  private PostgresServer(Path dir, Path bin, int port, List<String> asOwner) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
    this.asOwner = asOwner;
  }

  /** Resolves a {@link PostgresServer} parameter with the run's one server. */
  public PostgresServer() {
    this(null, null, 0, List.of());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .computeIfAbsent(PostgresServer.class, k -> start(), PostgresServer.class);
  }

  /** The Debian folder of the newest PostgreSQL's binaries, if installed. */
  public static Optional<Path> binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(p -> p.resolve("bin"))
          .filter(p -> Files.isExecutable(p.resolve("initdb")))
          .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString())));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static PostgresServer start() {
    Path bin = binaries().orElse(null);
    if (bin == null) {
      unavailable("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (initdb)");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> asOwner = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
    try {
      Path dir = Files.createTempDirectory("relevo-pg-");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
      if (root) {
        run(List.of("chown", "-R", "postgres", dir.toString()), List.of());
      }
      int port = FreePort.pick();
      PostgresServer server = new PostgresServer(dir, bin, port, asOwner);
      run(
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-U",
              USER,
              "--pwfile=" + dir.resolve("pw"),
              "--auth=scram-sha-256",
              "-E",
              "UTF8",
              "--no-instructions"),
          asOwner);
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-o",
              "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
              "-l",
              dir.resolve("server.log").toString(),
              "-w",
              "start"),
          asOwner);
      return server;
    } catch (IOException e) {
      unavailable("cannot start PostgreSQL: " + e.getMessage());
      return null;
    }
  }

  /** The server's binaries folder (pg_dump, pg_restore, psql). */
  public Path bin() {
    return bin;
  }

  public int port() {
    return port;
  }

  /** A new empty database owned by the test user, with its URL. */
  public DatabaseUrl newDatabase(String prefix) {
    String name = prefix + "_" + DATABASES.incrementAndGet();
    execute(url("postgres"), "CREATE DATABASE " + name);
    return url(name);
  }

  /** The URL of {@code database} on this server, with the test user's password. */
  public DatabaseUrl url(String database) {
    return new DatabaseUrl("127.0.0.1", port, database, USER, PASSWORD);
  }

  /** Runs SQL statements, one string each, on {@code database}. */
  public static void execute(DatabaseUrl database, String... sql) {
    String jdbc =
        "jdbc:postgresql://" + database.host() + ":" + database.port() + "/" + database.database();
    try (Connection connection =
            DriverManager.getConnection(jdbc, database.user(), database.password());
        Statement statement = connection.createStatement()) {
      for (String each : sql) {
        statement.execute(each);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL on " + database + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-m",
            "immediate",
            "-w",
            "stop"),
        asOwner);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static void run(List<String> command, List<String> prefix) throws IOException {
    List<String> full = new ArrayList<>(prefix);
    full.addAll(command);
    ToolRun run = ToolRun.of(full, Map.of(), Duration.ofSeconds(60));
    if (run.exitCode() != 0) {
      throw new IOException(
          String.join(" ", full) + " exited with " + run.exitCode() + ": " + run.tail(10));
    }
  }

  private static void unavailable(String why) {
    String hint = "; install Debian's postgresql package (apt-get install postgresql)";
    if ("1".equals(System.getenv("RELEVO_REQUIRE_ALL"))) {
      fail("RELEVO_REQUIRE_ALL=1 and the PostgreSQL tests cannot run: " + why + hint);
    }
    Assumptions.abort("PostgreSQL tests skipped: " + why + hint);
  }
}
