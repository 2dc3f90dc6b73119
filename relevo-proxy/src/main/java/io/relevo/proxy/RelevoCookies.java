package io.relevo.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * relevo's own cookies in a request's Cookie headers: read, then taken out so the app does not see
 * them. A request without any costs one scan of its Cookie headers.
 */
final class RelevoCookies {

  private static final String PREFIX = "relevo_";

  private RelevoCookies() {}

  /** The value of cookie {@code name}, or null; the headers are left as they are. */
  static String value(HttpHeaders headers, String name) {
    for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
      if (!header.contains(PREFIX)) {
        continue;
      }
      for (String pair : header.split(";")) {
        String trimmed = pair.trim();
        if (trimmed.startsWith(name) && trimmed.startsWith("=", name.length())) {
          return trimmed.substring(name.length() + 1);
        }
      }
    }
    return null;
  }

  /**
   * Takes every {@code relevo_*} cookie out of the request's Cookie headers (a header left empty
   * goes) and returns the value of {@code name} among them, or null.
   */
  static String strip(HttpHeaders headers, String name) {
    if (!headers.contains(HttpHeaderNames.COOKIE)) {
      return null; // most requests: no list, no stream, nothing allocated on the request path
    }
    List<String> all = headers.getAll(HttpHeaderNames.COOKIE);
    if (all.isEmpty() || all.stream().noneMatch(h -> h.contains(PREFIX))) {
      return null;
    }
    String found = null;
    List<String> kept = new ArrayList<>();
    for (String header : all) {
      StringBuilder rest = new StringBuilder();
      for (String pair : header.split(";")) {
        String trimmed = pair.trim();
        if (trimmed.startsWith(PREFIX)) {
          if (found == null && trimmed.startsWith(name) && trimmed.startsWith("=", name.length())) {
            found = trimmed.substring(name.length() + 1);
          }
          continue;
        }
        if (!trimmed.isEmpty()) {
          rest.append(rest.isEmpty() ? "" : "; ").append(trimmed);
        }
      }
      if (!rest.isEmpty()) {
        kept.add(rest.toString());
      }
    }
    headers.remove(HttpHeaderNames.COOKIE);
    kept.forEach(value -> headers.add(HttpHeaderNames.COOKIE, value));
    return found;
  }
}
