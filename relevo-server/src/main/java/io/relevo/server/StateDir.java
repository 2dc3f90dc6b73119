package io.relevo.server;

import io.relevo.core.RelevoException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's state folder and the files in it: {@code history.db}, {@code logs/}, {@code
 * agent.json}, {@code agent.lock} and {@code token}. Default {@code ~/.relevo}; {@code
 * RELEVO_STATE_DIR} or {@code --state-dir} choose another.
 */
public record StateDir(Path path) {

  public static final String ENV = "RELEVO_STATE_DIR";

  public StateDir {
    path = path.toAbsolutePath().normalize();
  }

  /**
   * {@code option} when given, else {@code RELEVO_STATE_DIR} from {@code env}, else {@code
   * ~/.relevo}.
   */
  public static StateDir resolve(Path option, Map<String, String> env) {
    if (option != null) {
      return new StateDir(option);
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new StateDir(Path.of(fromEnv));
    }
    return new StateDir(Path.of(System.getProperty("user.home"), ".relevo"));
  }

  public Path historyDb() {
    return path.resolve("history.db");
  }

  public Path logs() {
    return path.resolve("logs");
  }

  public Path agentFile() {
    return path.resolve("agent.json");
  }

  /** Locked by the agent that owns the state dir, for as long as it runs; see {@link AgentLock}. */
  public Path lockFile() {
    return path.resolve("agent.lock");
  }

  public Path tokenFile() {
    return path.resolve("token");
  }

  /** The path as people write it: {@code ~/.relevo} rather than {@code /home/ana/.relevo}. */
  public String display() {
    Path home = Path.of(System.getProperty("user.home")).toAbsolutePath();
    return path.startsWith(home) && !path.equals(home)
        ? "~/" + home.relativize(path).toString().replace('\\', '/')
        : path.toString();
  }

  /** Creates the folder and {@code logs/}, private to the user where the file system allows. */
  void create() {
    try {
      createPrivateDir(path);
      Files.createDirectories(logs());
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "state dir "
              + path
              + ": cannot create it: "
              + e
              + " (expected: a writable folder; choose"
              + " one with --state-dir)",
          e);
    }
  }

  /** What {@code agent.json} says, if it exists and parses. */
  public Optional<AgentFile> readAgentFile() {
    Path file = agentFile();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(AgentFileJson.read(file));
    } catch (IOException e) {
      return Optional.empty(); // a half-written file of a crashed agent
    }
  }

  /** The token in {@code token}, if the file exists. */
  public Optional<String> readToken() {
    try {
      return Files.isRegularFile(tokenFile())
          ? Optional.of(Files.readString(tokenFile()).strip())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  void writeToken(String token) throws IOException {
    writePrivate(tokenFile(), token + "\n");
  }

  void writeAgentFile(AgentFile agent) throws IOException {
    writePrivate(agentFile(), Json.mapper().writeValueAsString(agent) + "\n");
  }

  /** Writes through a temp file with mode 0600 from the start, then moves it in place. */
  private void writePrivate(Path target, String text) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    if (posix()) {
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(temp, text);
    try {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void createPrivateDir(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir.getParent());
    FileAttribute<?>[] attrs =
        posix()
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
            }
            : new FileAttribute<?>[0];
    try {
      Files.createDirectory(dir, attrs);
    } catch (FileAlreadyExistsException e) {
      // created by someone else meanwhile: fine
    }
  }

  private static boolean posix() {
    return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
