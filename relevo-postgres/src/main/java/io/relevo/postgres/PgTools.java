package io.relevo.postgres;

import io.relevo.core.RelevoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where pg_dump and pg_restore are: {@code RELEVO_PG_BIN} when set, else the newest Debian {@code
 * /usr/lib/postgresql/N/bin}, else the {@code PATH}. The newest is the one that can dump every
 * older server.
 */
final class PgTools {

  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");
  private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

  private final Path binDir; // null = on PATH
  private final String lookedIn;

  private PgTools(Path binDir, String lookedIn) {
    this.binDir = binDir;
    this.lookedIn = lookedIn;
  }

  /** The tools as the environment and the machine offer them. */
  static PgTools find(Map<String, String> env) {
    String configured = env.get("RELEVO_PG_BIN");
    if (configured != null && !configured.isBlank()) {
      return new PgTools(Path.of(configured), "RELEVO_PG_BIN=" + configured);
    }
    return new PgTools(newestDebian().orElse(null), DEBIAN + "/*/bin and PATH");
  }

  /** The tools in {@code binDir}. */
  static PgTools in(Path binDir) {
    return new PgTools(binDir, binDir.toString());
  }

  /** The command to run {@code tool}; throws UNAVAILABLE, saying where it looked, when missing. */
  String command(String tool) {
    if (binDir != null) {
      Path path = binDir.resolve(tool);
      if (Files.isExecutable(path)) {
        return path.toString();
      }
      if (lookedIn.startsWith("RELEVO_PG_BIN")) {
        throw missing(tool);
      }
    }
    String pathVar = System.getenv().getOrDefault("PATH", "");
    for (String dir : pathVar.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return Path.of(dir, tool).toString();
      }
    }
    throw missing(tool);
  }

  /** The major version of {@code tool}, from its {@code --version}. */
  int major(String tool) {
    ToolRun run = ToolRun.of(List.of(command(tool), "--version"), Map.of(), Duration.ofSeconds(30));
    Matcher matcher = VERSION.matcher(run.output());
    if (run.exitCode() != 0 || !matcher.find()) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE, tool + " --version printed no version: " + run.tail(3));
    }
    return Integer.parseInt(matcher.group(1));
  }

  private RelevoException missing(String tool) {
    return new RelevoException(
        RelevoException.Kind.UNAVAILABLE,
        tool
            + " not found (looked in "
            + lookedIn
            + "); install the PostgreSQL client tools of the server's major version (Debian:"
            + " apt-get install postgresql-client) or set RELEVO_PG_BIN to their folder");
  }

  private static Optional<Path> newestDebian() {
    if (!Files.isDirectory(DEBIAN)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(DEBIAN)) {
      return versions
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> Files.isExecutable(p.resolve("bin/pg_dump")))
          .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
          .map(p -> p.resolve("bin"));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
