package io.relevo.core.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** How evidence prints: shares as percentages, latencies in ms or s, windows as 1m30s. */
final class Formats {

  private Formats() {}

  static String percent(double share) {
    return fixed(share * 100, 1) + "%";
  }

  static String seconds(double seconds) {
    if (Math.abs(seconds) < 1) {
      return Math.round(seconds * 1000) + "ms";
    }
    return fixed(seconds, 2) + "s";
  }

  static String count(double count) {
    return Long.toString(Math.round(count));
  }

  static String decimal(double value) {
    return fixed(value, 2);
  }

  /**
   * {@code value} with {@code decimals} digits after the point, rounded half up, as {@code
   * String.format(Locale.ROOT, "%.2f", value)} prints it but for a zero, which has no sign. Every
   * analysis measurement prints several values: a {@link java.util.Formatter} for each was a good
   * part of what a measurement cost.
   */
  static String fixed(double value, int decimals) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    return new BigDecimal(Double.toString(value))
        .setScale(decimals, RoundingMode.HALF_UP)
        .toPlainString();
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
