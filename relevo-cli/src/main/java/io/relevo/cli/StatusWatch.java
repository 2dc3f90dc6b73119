package io.relevo.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * Draws a view again every interval, like {@code watch}: on a terminal it clears the screen and
 * draws in place; elsewhere (a pipe, a log) it prints one block per interval under a time stamp.
 * Runs until the calling thread is interrupted or the JVM stops (Ctrl-C), or for at most {@code
 * limit} when one is given. The first frame is drawn at once.
 */
final class StatusWatch {

  private static final String CLEAR = "\033[H\033[2J";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Duration interval;
  private final Duration limit;
  private final boolean terminal;

  /**
   * @param interval time from one frame to the next, positive
   * @param limit how long to watch; null = until stopped
   * @param terminal true to redraw in place, false to print one block per frame
   */
  StatusWatch(Duration interval, Duration limit, boolean terminal) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("--interval: " + interval + " (expected: > 0, like 1s)");
    }
    if (limit != null && limit.isNegative()) {
      throw new IllegalArgumentException("--for: " + limit + " (expected: >= 0, like 30s)");
    }
    this.interval = interval;
    this.limit = limit;
    this.terminal = terminal;
  }

  /** Draws frames of a text view, each with a header saying what and when. */
  void text(String title, PrintWriter out, Consumer<PrintWriter> frame) {
    run(
        () -> {
          String header =
              title
                  + " every "
                  + Formats.duration(interval)
                  + ", at "
                  + LocalTime.now().format(CLOCK);
          if (terminal) {
            out.print(CLEAR);
            out.println(header + " (Ctrl-C to stop)");
          } else {
            out.println("--- " + header);
          }
          out.println();
          frame.accept(out);
          if (!terminal) {
            out.println();
          }
          out.flush();
        });
  }

  /** Runs {@code frame} once per interval until stopped or past the limit. */
  void run(Runnable frame) {
    long start = System.nanoTime();
    long end = limit == null ? Long.MAX_VALUE : start + limit.toNanos();
    long next = start;
    while (true) {
      frame.run();
      next += interval.toNanos();
      if (next >= end) {
        return;
      }
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(Duration.ofNanos(wait));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      } else {
        next = System.nanoTime(); // a slow agent: draw again now, do not try to catch up
      }
    }
  }
}
