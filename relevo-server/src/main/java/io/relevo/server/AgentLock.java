package io.relevo.server;

import io.relevo.core.RelevoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OS lock on {@code STATE/agent.lock} that makes one agent the owner of a state dir, held from
 * its start to its {@link #close()}. The kernel releases it when the process ends, even by {@code
 * kill -9}, so a crashed agent never blocks the next one. The file holds the owner's pid and start
 * time, for messages; it is emptied on a clean stop and never deleted (a deleted lock file lets two
 * processes lock two different files of one name).
 */
final class AgentLock implements AutoCloseable {

  /**
   * State dirs locked by this JVM. POSIX locks belong to the process, and closing any channel of
   * the file drops them, so a second agent in the same JVM must not even open the file.
   */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final Optional<AgentFile> previous;

  private AgentLock(Path file, FileChannel channel, FileLock lock, Optional<AgentFile> previous) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.previous = previous;
  }

  /**
   * Locks the state dir for this process.
   *
   * @throws RelevoException CONFLICT naming the owner's pid when another agent holds the lock,
   *     UNAVAILABLE when the lock file cannot be used
   */
  static AgentLock acquire(StateDir stateDir) {
    Path file = stateDir.lockFile();
    if (!HELD_HERE.add(file)) {
      throw StateDirOwned.by(stateDir, Optional.of(AgentFile.ofThisProcess(null)));
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        Optional<AgentFile> owner = read(channel);
        channel.close();
        HELD_HERE.remove(file);
        throw StateDirOwned.by(stateDir, owner);
      }
      Optional<AgentFile> previous = read(channel);
      write(channel, AgentFileJson.write(AgentFile.ofThisProcess(null)) + "\n");
      return new AgentLock(file, channel, lock, previous);
    } catch (IOException e) {
      closeQuietly(channel);
      HELD_HERE.remove(file);
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "state dir "
              + stateDir.path()
              + ": cannot lock "
              + file.getFileName()
              + ": "
              + e
              + " (expected: a writable folder on a file system with locks; choose one with"
              + " --state-dir)",
          e);
    }
  }

  /**
   * The agent that held the lock before and did not stop cleanly (it crashed or was killed), as it
   * recorded itself; empty after a clean stop or on a new state dir.
   */
  Optional<AgentFile> previous() {
    return previous;
  }

  /** Empties the file and releases the lock. Idempotent. */
  @Override
  public void close() {
    if (!channel.isOpen()) {
      return;
    }
    try {
      channel.truncate(0);
      lock.release();
    } catch (IOException e) {
      // the lock goes with the channel anyway
    } finally {
      closeQuietly(channel);
      HELD_HERE.remove(file);
    }
  }

  private static Optional<AgentFile> read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(AgentFileJson.read(text, "the lock file"));
    } catch (IOException e) {
      return Optional.empty(); // written halfway by an agent that died meanwhile
    }
  }

  private static void write(FileChannel channel, String text) throws IOException {
    channel.truncate(0);
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    long position = 0;
    while (bytes.hasRemaining()) {
      position += channel.write(bytes, position);
    }
    channel.force(false);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
