package io.relevo.core.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes as Docker writes them: a number and an optional unit, {@code b}, {@code k}, {@code
 * m}, {@code g} or {@code t}, in powers of 1024, optionally followed by {@code b} or {@code ib}:
 * {@code 512m}, {@code 1.5g}, {@code 256MiB}, {@code 1048576}. A plain number is bytes, as with
 * {@code docker run --memory}.
 */
public final class ByteSizes {

  private static final Pattern SIZE =
      Pattern.compile(
          "(\\d{1,15}(?:\\.\\d{1,6})?)\\s*([bkmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);
  private static final String EXPECTED = "a size like 512m, 1g or 1.5g";

  private ByteSizes() {}

  /**
   * Parses {@code text} (surrounding blanks ignored) into bytes, rounding a fraction down.
   *
   * @throws IllegalArgumentException naming the text and the expected form, e.g. {@code "512x"
   *     (expected: a size like 512m, 1g or 1.5g)}
   */
  public static long parse(String text) {
    Objects.requireNonNull(text, "text");
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("\"" + text + "\" (expected: " + EXPECTED + ")");
    }
    int shift =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          "\"" + text + "\" (expected: " + EXPECTED + ", below 8 EiB)");
    }
    return bytes.longValue();
  }
}
