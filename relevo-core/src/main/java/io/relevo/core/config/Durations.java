package io.relevo.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in {@code relevo.yml}: a whole number and a unit, units from largest to
 * smallest, each at most once: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 1m30s},
 * {@code 1h5m}, {@code 1s500ms}. Plain numbers are rejected: {@code 30} could be seconds or
 * milliseconds, and a guess is how timeouts end up a thousand times too short.
 */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|h|m|s)");
  private static final List<String> UNITS = List.of("h", "m", "s", "ms");
  private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private Durations() {}

  /**
   * Parses {@code text} (surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the text and the expected form, e.g. {@code "2x"
   *     (expected: a duration like 2s, 500ms, 1m)}
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.trim();
    if (PLAIN_NUMBER.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" (expected: a duration with a unit, like " + s + "s or " + s + "ms)");
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int position = 0;
    int lastUnit = -1;
    while (position < s.length()) {
      m.region(position, s.length());
      if (!m.lookingAt()) {
        throw invalid(text);
      }
      int unit = UNITS.indexOf(m.group(2));
      if (unit <= lastUnit) {
        throw invalid(text); // "30s1m" or "1s2s": legal-looking, but surely not what was meant
      }
      long amount = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
              });
      lastUnit = unit;
      position = m.end();
    }
    if (position == 0) {
      throw invalid(text);
    }
    return total;
  }

  /**
   * Formats {@code duration} the way {@link #parse} reads it, to the millisecond: {@code 1m30s},
   * {@code 500ms}, {@code 1h}, {@code 0s}; a negative duration gets a leading {@code -}.
   */
  public static String format(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    append(out, millis / 3_600_000, "h");
    append(out, millis / 60_000 % 60, "m");
    append(out, millis / 1000 % 60, "s");
    append(out, millis % 1000, "ms");
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount != 0) {
      out.append(amount).append(unit);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "\"" + text + "\" (expected: a duration like 2s, 500ms, 1m)");
  }
}
