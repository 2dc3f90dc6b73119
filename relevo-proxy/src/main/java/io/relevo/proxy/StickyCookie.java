package io.relevo.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The {@code relevo_rev} cookie that keeps a client on one revision while the split is sticky, and
 * the {@code X-Relevo-Revision} header that sends one request to a chosen revision: by number, or
 * by role, {@code canary} (the newest revision of the split) or {@code stable} (the oldest).
 */
final class StickyCookie {

  static final String NAME = "relevo_rev";
  static final String OVERRIDE_HEADER = "X-Relevo-Revision";

  /** What {@link #override} returns for {@code X-Relevo-Revision: canary}. */
  static final int CANARY = -2;

  /** What {@link #override} returns for {@code X-Relevo-Revision: stable}. */
  static final int STABLE = -3;

  private StickyCookie() {}

  /**
   * The revision the request asks for with X-Relevo-Revision: its number, {@link #CANARY} or {@link
   * #STABLE}; -1 when absent or unreadable.
   */
  static int override(HttpHeaders headers) {
    String value = headers.get(OVERRIDE_HEADER);
    if (value != null) {
      String role = value.trim();
      if (role.equalsIgnoreCase("canary")) {
        return CANARY;
      }
      if (role.equalsIgnoreCase("stable")) {
        return STABLE;
      }
    }
    return parse(value);
  }

  /** The revision of the request's relevo_rev cookie; -1 when absent or not a number. */
  static int revision(HttpHeaders headers) {
    for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
      for (String pair : header.split(";")) {
        String trimmed = pair.trim();
        if (trimmed.startsWith(NAME + "=")) {
          return parse(trimmed.substring(NAME.length() + 1));
        }
      }
    }
    return -1;
  }

  /** A Set-Cookie value for the whole site, for the browser session. */
  static String setCookie(int revision) {
    return NAME + "=" + revision + "; Path=/; HttpOnly; SameSite=Lax";
  }

  private static int parse(String text) {
    if (text == null) {
      return -1;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
