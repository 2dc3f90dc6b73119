package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import java.util.Locale;

/** How bad an incident is, as the rollback runbook grades it. */
public enum Severity {
  /** The system is down: full rollback at once, service back in under 5 minutes. */
  SEV1,
  /** Critical functionality broken: rollback within 15 minutes, after a confirmation. */
  SEV2,
  /** A non-critical bug: fix forward within the hour. */
  SEV3,
  /** Cosmetic: fix forward in the next deploy. */
  SEV4;

  /** Reads {@code SEV1}..{@code SEV4} (any case); one line naming the choices otherwise. */
  public static Severity parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new RelevoException(
          Kind.BAD_INPUT, "unknown severity " + text + " (expected: SEV1, SEV2, SEV3 or SEV4)");
    }
  }
}
