package io.relevo.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The {@code relevo_rev} cookie that keeps a client on one revision while stickiness is on, and
 * the {@code X-Relevo-Revision} header that sends one request to a chosen revision.
 */
final class StickyCookie {

  static final String NAME = "relevo_rev";
  static final String OVERRIDE_HEADER = "X-Relevo-Revision";

  private StickyCookie() {}

  /** The revision the request asks for with X-Relevo-Revision; -1 when absent or not a number. */
  static int override(HttpHeaders headers) {
    return parse(headers.get(OVERRIDE_HEADER));
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
