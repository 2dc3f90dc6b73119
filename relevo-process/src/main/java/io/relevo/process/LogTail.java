package io.relevo.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the last lines of a log file from its end, block by block, so a log of gigabytes costs no
 * more than the lines asked for.
 */
final class LogTail {

  private static final int BLOCK = 8192;

  private LogTail() {}

  /**
   * The last {@code lines} lines of {@code file}, oldest first, without line terminators. Empty
   * when the file does not exist yet or {@code lines <= 0}. A last line without a newline (the
   * process is still writing it) is included.
   */
  static List<String> read(Path file, int lines) {
    if (lines <= 0) {
      return List.of();
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long end = raf.length();
      if (end == 0) {
        return List.of();
      }
      // A trailing newline ends the last line; it does not start an empty one.
      raf.seek(end - 1);
      if (raf.read() == '\n') {
        end--;
      }
      long start = startOfLastLines(raf, end, lines);
      byte[] bytes = new byte[Math.toIntExact(end - start)];
      raf.seek(start);
      raf.readFully(bytes);
      if (bytes.length == 0) {
        return List.of("");
      }
      List<String> result = new ArrayList<>(lines);
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
        result.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      }
      return result;
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read log " + file + ": " + e.getMessage(), e);
    }
  }

  /** The offset just after the {@code lines}-th newline counted back from {@code end}, or 0. */
  private static long startOfLastLines(RandomAccessFile raf, long end, int lines)
      throws IOException {
    byte[] block = new byte[BLOCK];
    int newlines = 0;
    long pos = end;
    while (pos > 0) {
      int size = (int) Math.min(BLOCK, pos);
      pos -= size;
      raf.seek(pos);
      raf.readFully(block, 0, size);
      for (int i = size - 1; i >= 0; i--) {
        if (block[i] == '\n' && ++newlines == lines) {
          return pos + i + 1;
        }
      }
    }
    return 0;
  }
}
