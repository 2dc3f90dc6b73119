package io.relevo.core.analysis;

import java.time.Duration;
import java.util.Locale;

/** How evidence prints: shares as percentages, latencies in ms or s, windows as 1m30s. */
final class Formats {

  private Formats() {}

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  static String seconds(double seconds) {
    if (Math.abs(seconds) < 1) {
      return Math.round(seconds * 1000) + "ms";
    }
    return String.format(Locale.ROOT, "%.2fs", seconds);
  }

  static String count(double count) {
    return Long.toString(Math.round(count));
  }

  static String decimal(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    long seconds = Math.round(millis / 1000.0);
    StringBuilder out = new StringBuilder();
    if (seconds >= 3600) {
      out.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      out.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 != 0 || out.isEmpty()) {
      out.append(seconds % 60).append('s');
    }
    return out.toString();
  }
}
