package io.relevo.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.relevo.core.config.Cidr;
import io.relevo.core.config.RevisionOverrides;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Decides whether a request may choose its revision, from an app's {@link RevisionOverrides}: only
 * with the right token (compared in constant time) or from an allowed network, and never when
 * overrides are off. Whatever it decides, the override header, the token header and relevo's
 * cookies are taken off the request, so the app never sees them. Immutable; built once per config.
 */
final class OverridePolicy {

  static final String COOKIE = "relevo_override";

  /** What {@link #requested} returns for {@code canary}: the newest revision of the split. */
  static final int CANARY = -2;

  /** What {@link #requested} returns for {@code stable}: the oldest revision of the split. */
  static final int STABLE = -3;

  /** No override: the split picks. */
  static final int NONE = -1;

  private final AsciiString header;
  private final AsciiString tokenHeader;
  private final byte[] tokenDigest; // null when no token is set
  private final List<Cidr> allow;
  private final boolean enabled;

  private OverridePolicy(RevisionOverrides overrides) {
    this.header = AsciiString.cached(overrides.header());
    this.tokenHeader = AsciiString.cached(overrides.tokenHeader());
    this.tokenDigest = overrides.token() == null ? null : sha256(overrides.token());
    this.allow = overrides.allow().stream().map(Cidr::parse).toList();
    this.enabled = overrides.enabled();
  }

  static OverridePolicy of(RevisionOverrides overrides) {
    return new OverridePolicy(overrides);
  }

  /**
   * The revision the request may be sent to, {@link #CANARY}, {@link #STABLE}, or {@link #NONE};
   * takes the override header, the token and relevo's cookies off the request either way.
   */
  int requested(HttpHeaders headers, SocketAddress client) {
    String asked = headers.get(header);
    String token = headers.get(tokenHeader);
    headers.remove(header);
    headers.remove(tokenHeader);
    String cookie = RelevoCookies.strip(headers, COOKIE);
    if (!enabled) {
      return NONE;
    }
    if (asked == null) {
      asked = cookie;
    }
    if (asked == null || !(tokenMatches(token) || allowed(client))) {
      return NONE;
    }
    return parse(asked);
  }

  private boolean tokenMatches(String token) {
    // Digests of equal length, compared by MessageDigest.isEqual in constant time, so that neither
    // the token's content nor its length shows in how long a refusal takes.
    return tokenDigest != null
        && token != null
        && MessageDigest.isEqual(tokenDigest, sha256(token));
  }

  private boolean allowed(SocketAddress client) {
    if (allow.isEmpty() || !(client instanceof InetSocketAddress inet)) {
      return false;
    }
    InetAddress address = inet.getAddress();
    for (Cidr network : allow) {
      if (network.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static int parse(String asked) {
    String role = asked.trim();
    if (role.equalsIgnoreCase("canary")) {
      return CANARY;
    }
    if (role.equalsIgnoreCase("stable")) {
      return STABLE;
    }
    try {
      int revision = Integer.parseInt(role);
      return revision > 0 ? revision : NONE;
    } catch (NumberFormatException e) {
      return NONE;
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
