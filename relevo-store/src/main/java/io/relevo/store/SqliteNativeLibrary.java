package io.relevo.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeps sqlite-jdbc's native library extracted in one folder, so that it is loaded from there
 * rather than copied out of the jar into a new temporary file (and compared with it byte by byte)
 * every time a JVM opens a database. The file name carries the driver's version, OS and
 * architecture; a file of another size is replaced (written aside, then renamed over it). It tells
 * sqlite-jdbc through its own properties ({@code org.sqlite.lib.path} and {@code
 * org.sqlite.lib.name}), unless they are set already; when the library cannot be written or loaded
 * from there (a read-only or {@code noexec} folder), sqlite-jdbc extracts it as before.
 */
final class SqliteNativeLibrary {

  private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);

  static final String PATH_PROPERTY = "org.sqlite.lib.path";
  static final String NAME_PROPERTY = "org.sqlite.lib.name";

  private SqliteNativeLibrary() {}

  /** Extracts the library into {@code dir} when missing, and points sqlite-jdbc at it. */
  static synchronized void useFrom(Path dir) {
    if (System.getProperty(PATH_PROPERTY) != null) {
      return; // set by the user, or by an earlier store of this JVM
    }
    extractInto(dir)
        .ifPresent(
            name -> {
              System.setProperty(PATH_PROPERTY, dir.toString());
              System.setProperty(NAME_PROPERTY, name);
            });
  }

  /**
   * The library's file name in {@code dir}, extracted there first when missing or of another size;
   * empty when this platform has none in the jar or the folder cannot take it.
   */
  static Optional<String> extractInto(Path dir) {
    String folder = LibraryLoaderUtil.getNativeLibResourcePath();
    String library = LibraryLoaderUtil.getNativeLibName();
    URL resource = SQLiteJDBCLoader.class.getResource(folder + "/" + library);
    if (resource == null) {
      return Optional.empty(); // sqlite-jdbc says so itself when it opens
    }
    String name =
        "sqlite-jdbc-"
            + SQLiteJDBCLoader.getVersion()
            + folder.replace("/org/sqlite/native", "").replace('/', '-')
            + "-"
            + library;
    Path file = dir.resolve(name);
    try {
      URLConnection connection = resource.openConnection();
      long size = connection.getContentLengthLong();
      if (size < 0 || !Files.isRegularFile(file) || Files.size(file) != size) {
        extract(connection, dir, file);
      }
      return Optional.of(name);
    } catch (IOException | RuntimeException e) {
      log.debug("cannot keep sqlite-jdbc's native library in {}: {}", dir, e.toString());
      return Optional.empty();
    }
  }

  private static void extract(URLConnection connection, Path dir, Path file) throws IOException {
    Files.createDirectories(dir);
    Path part = Files.createTempFile(dir, file.getFileName().toString(), ".part");
    try (InputStream in = connection.getInputStream()) {
      Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(part);
    }
  }
}
