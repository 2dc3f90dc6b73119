package io.relevo.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a container's stdout and stderr into the revision's log file, so that {@code relevo logs}
 * reads containers as it reads processes, and the output outlives the container's removal.
 *
 * <p>Each start writes a header line naming the container ({@code --- relevo …: started container
 * relevo-shop-r3 (0123456789ab) …}), then follows the engine's log stream from the container's
 * first byte. A follower that resumes (after an agent restart, or when the stream broke while the
 * container runs) finds that header again and skips the bytes already copied after it, so the file
 * holds the container's output once, in order, with nothing lost while no agent ran.
 */
final class LogFollower implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LogFollower.class);
  private static final String HEADER = "--- relevo ";
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final Engine streams;
  private final String id;
  private final Path file;
  private volatile boolean closed;
  private volatile ResultCallback.Adapter<Frame> stream;

  private LogFollower(Engine streams, String id, Path file) {
    this.streams = streams;
    this.id = id;
    this.file = file;
  }

  /** Writes the header of a new container's run and follows its output from the start. */
  static LogFollower started(Engine streams, String id, String name, String about, Path file)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    String header =
        HEADER
            + Instant.now()
            + ": started container "
            + name
            + " ("
            + DockerInstance.shortId(id)
            + ") "
            + about
            + System.lineSeparator();
    Files.writeString(
        file, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    LogFollower follower = new LogFollower(streams, id, file);
    follower.follow(0);
    return follower;
  }

  /**
   * Follows an adopted container, skipping what an earlier follower already copied after the
   * container's header; without that header (a deleted log) it copies the whole output again.
   */
  static LogFollower resumed(Engine streams, String id, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    LogFollower follower = new LogFollower(streams, id, file);
    follower.follow(copiedSince(file, id));
    return follower;
  }

  /** The bytes after the last header line that names container {@code id}; 0 without one. */
  static long copiedSince(Path file, String id) throws IOException {
    byte[] marker = (" (" + DockerInstance.shortId(id) + ") ").getBytes(StandardCharsets.UTF_8);
    byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
    long length;
    long afterHeader = -1;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      LineScanner lines = new LineScanner(in);
      byte[] line;
      while ((line = lines.next()) != null) {
        if (startsWith(line, header) && contains(line, marker)) {
          afterHeader = lines.position();
        }
      }
      length = lines.position();
    } catch (NoSuchFileException e) {
      return 0;
    }
    return afterHeader < 0 ? 0 : length - afterHeader;
  }

  private void follow(long skip) {
    long[] toSkip = {skip};
    ResultCallback.Adapter<Frame> callback =
        new ResultCallback.Adapter<>() {
          private OutputStream out;

          @Override
          public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            int from = (int) Math.min(payload.length, toSkip[0]);
            toSkip[0] -= from;
            if (from == payload.length) {
              return;
            }
            try {
              if (out == null) {
                out =
                    Files.newOutputStream(
                        file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
              }
              out.write(payload, from, payload.length - from);
            } catch (IOException e) {
              log.warn("cannot write the log of container {} to {}: {}", id, file, e.toString());
            }
          }

          @Override
          public void onError(Throwable error) {
            closeFile();
            if (!closed) {
              log.debug("log stream of container {} broke: {}", id, error.toString());
              retryLater();
            }
          }

          @Override
          public void onComplete() {
            closeFile();
          }

          private void closeFile() {
            if (out != null) {
              try {
                out.close();
              } catch (IOException e) {
                // nothing more to write
              }
              out = null;
            }
          }
        };
    stream = callback;
    streams.run(
        "follow the logs of container " + id,
        () ->
            streams
                .client()
                .logContainerCmd(id)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .exec(callback));
  }

  /** Resumes a broken stream once a second while the container runs and nobody closed this. */
  private void retryLater() {
    Thread.ofVirtual()
        .name("relevo-log-retry-" + DockerInstance.shortId(id))
        .start(
            () -> {
              try {
                Thread.sleep(RETRY.toMillis());
                if (!closed && streams.inspect(id).map(DockerInstance::running).orElse(false)) {
                  follow(copiedSince(file, id));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (IOException | RuntimeException e) {
                log.warn(
                    "stopped copying the log of container {} to {}: {}", id, file, e.toString());
              }
            });
  }

  /** Waits up to {@code timeout} for the stream to end, as it does once the container exited. */
  void awaitEnd(Duration timeout) {
    ResultCallback.Adapter<Frame> current = stream;
    if (current == null) {
      return;
    }
    try {
      current.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    ResultCallback.Adapter<Frame> current = stream;
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        // the stream is gone either way
      }
    }
  }

  private static boolean startsWith(byte[] line, byte[] prefix) {
    if (line.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(byte[] line, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= line.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (line[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Reads lines as bytes and counts the bytes read, so positions are exact in any encoding. */
  private static final class LineScanner {
    private static final int MAX_KEPT = 4096; // headers are short; longer lines need not be kept
    private final InputStream in;
    private long position;

    LineScanner(InputStream in) {
      this.in = in;
    }

    long position() {
      return position;
    }

    /** The next line's first bytes, without its newline; null at the end. */
    byte[] next() throws IOException {
      java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
      int b;
      boolean any = false;
      while ((b = in.read()) != -1) {
        any = true;
        position++;
        if (b == '\n') {
          return line.toByteArray();
        }
        if (line.size() < MAX_KEPT) {
          line.write(b);
        }
      }
      return any ? line.toByteArray() : null;
    }
  }
}
