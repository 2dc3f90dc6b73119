package io.relevo.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A process the benchmark started and talks HTTP to on a loopback port: a backend or a proxy under
 * test. Closing it stops it (standard input closed, then SIGTERM, then SIGKILL) and its children.
 */
final class Subject implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private Subject(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} with its output in {@code log}, and waits until {@code port} accepts.
   */
  static Subject start(String name, int port, Path log, String... command) throws IOException {
    return start(name, port, log, READY_TIMEOUT, command);
  }

  /** As {@link #start(String, int, Path, String...)}, waiting at most {@code timeout}. */
  static Subject start(String name, int port, Path log, Duration timeout, String... command)
      throws IOException {
    return start(name, port, log, timeout, java.util.Map.of(), command);
  }

  /** As {@link #start(String, int, Path, Duration, String...)}, with {@code env} added. */
  static Subject start(
      String name,
      int port,
      Path log,
      Duration timeout,
      java.util.Map<String, String> env,
      String... command)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    Subject subject = new Subject(name, port, process, log);
    subject.awaitListening(timeout);
    return subject;
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Sends one line to the process's standard input. */
  void tell(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /**
   * Waits for the {@code nth} (from 1) line of the log that starts with {@code prefix}, at most
   * {@code timeout}.
   */
  String awaitLogLine(String prefix, int nth, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Stream<String> lines = Files.lines(log)) {
        var found = lines.filter(l -> l.startsWith(prefix)).skip(nth - 1).findFirst();
        if (found.isPresent()) {
          return found.get();
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        name
            + ": no line starting \""
            + prefix
            + "\" in "
            + log
            + " within "
            + timeout.toSeconds()
            + "s");
  }

  /** Resident memory of the process and its children (nginx's and HAProxy's workers), in KiB. */
  long rssKib() {
    return Stream.concat(Stream.of(process.toHandle()), process.descendants())
        .mapToLong(p -> Rss.ofPid(p.pid()))
        .sum();
  }

  private void awaitListening(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with "
                + process.exitValue()
                + " before listening on 127.0.0.1:"
                + port
                + "; its output:\n"
                + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    close();
    throw new IllegalStateException(
        name
            + " did not listen on 127.0.0.1:"
            + port
            + " within "
            + timeout.toSeconds()
            + "s; its output is in "
            + log);
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // Already gone.
    }
    try {
      if (!process.waitFor(1, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads VmRSS from /proc. */
  static final class Rss {
    private Rss() {}

    static long ofPid(long pid) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith("VmRSS:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException | NumberFormatException gone) {
        // The process ended between listing and reading.
      }
      return 0;
    }
  }
}
