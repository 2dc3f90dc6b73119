package io.relevo.proxy.daemon;

import com.fasterxml.jackson.core.type.TypeReference;
import io.relevo.core.RelevoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code STATE/routes.json}: every app the proxy holds, with its front door and split, as JSON. The
 * proxy writes it before it acknowledges a change (to a temp file, forced to disk, then renamed
 * over the old one, and the folder forced too), so a proxy that restarts, even after {@code kill
 * -9} or a power cut, serves the last split the agent was told was in force.
 */
final class RoutesFile {

  private static final TypeReference<TreeMap<String, AppRoute>> TYPE = new TypeReference<>() {};

  private final Path file;

  RoutesFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /** The saved routes; none when the file does not exist yet. */
  Map<String, AppRoute> read() {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      return ProxyJson.MAPPER.readValue(file.toFile(), TYPE);
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          file
              + ": cannot read the saved routes: "
              + e.getMessage()
              + " (move the file away to"
              + " start with no front door open; the agent reopens them)",
          e);
    }
  }

  /** Moves an unreadable file out of the way and returns where it went. */
  Path setAside() {
    Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // the next write replaces it anyway
    }
    return aside;
  }

  /** Replaces the file with {@code routes}, durably. */
  void write(Map<String, AppRoute> routes) {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      byte[] json = ProxyJson.MAPPER.writeValueAsBytes(new TreeMap<>(routes));
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(json);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.write(ByteBuffer.wrap("\n".getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      forceFolder();
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          file + ": cannot save the routes: " + e + " (is the state dir writable and not full?)",
          e);
    }
  }

  private void forceFolder() {
    try (FileChannel folder = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException e) {
      // not every file system lets a folder be opened; the rename is then as durable as it gets
    }
  }
}
