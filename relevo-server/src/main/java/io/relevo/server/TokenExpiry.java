package io.relevo.server;

import io.relevo.core.RelevoException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long a new token works: {@code 30d}, {@code 12h}, {@code 90m}; blank for ever. */
final class TokenExpiry {

  private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,4})([dhm])");

  private TokenExpiry() {}

  /**
   * Parses {@code text}; null or blank is no expiry.
   *
   * @throws RelevoException BAD_INPUT naming the value and the expected form
   */
  static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "expires: \""
              + text
              + "\" (expected: a whole number of days, hours or minutes, like 30d, 12h or 90m)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofMinutes(n);
    };
  }
}
