package io.relevo.server;

import com.sun.net.httpserver.HttpExchange;
import io.relevo.core.RelevoException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Sends the last lines of a revision's log, and with {@code follow} the lines appended after them,
 * polling the file until the client disconnects, the agent stops, or {@link #MAX_FOLLOW} has
 * passed.
 */
final class LogStream {

  /** How often a followed log is checked for new output. */
  static final Duration POLL = Duration.ofMillis(200);

  /** A followed log ends after this long, so a forgotten follower does not live forever. */
  static final Duration MAX_FOLLOW = Duration.ofHours(12);

  /** The tail is looked for in at most this many bytes at the end of the file. */
  private static final int TAIL_WINDOW = 1 << 20;

  private LogStream() {}

  static void send(
      HttpExchange exchange, Path file, int tail, boolean follow, BooleanSupplier stopping)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new RelevoException(
          RelevoException.Kind.NOT_FOUND,
          "no log at " + file + " (expected: a revision this agent started)");
    }
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody();
        RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long position = raf.length();
      out.write(tail(raf, position, tail));
      out.flush();
      long deadline = System.nanoTime() + MAX_FOLLOW.toNanos();
      while (follow && !stopping.getAsBoolean() && System.nanoTime() < deadline) {
        long length = raf.length();
        if (length < position) {
          position = 0; // truncated or replaced: start over
        }
        if (length > position) {
          byte[] chunk = new byte[(int) Math.min(length - position, TAIL_WINDOW)];
          raf.seek(position);
          raf.readFully(chunk);
          position += chunk.length;
          out.write(chunk); // throws once the client is gone, which ends the loop
          out.flush();
        } else {
          Thread.sleep(POLL);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client disconnected: the normal end of a follow
    }
  }

  /** The bytes of the last {@code lines} lines before {@code end}. */
  static byte[] tail(RandomAccessFile raf, long end, int lines) throws IOException {
    if (lines <= 0 || end == 0) {
      return new byte[0];
    }
    int size = (int) Math.min(end, TAIL_WINDOW);
    byte[] window = new byte[size];
    raf.seek(end - size);
    raf.readFully(window);
    int newlines = 0;
    // a final newline ends the last line; it does not start a new one
    int i = window[size - 1] == '\n' ? size - 2 : size - 1;
    for (; i >= 0; i--) {
      if (window[i] == '\n' && ++newlines == lines) {
        break;
      }
    }
    int from = i + 1;
    byte[] result = new byte[size - from];
    System.arraycopy(window, from, result, 0, result.length);
    return result;
  }
}
