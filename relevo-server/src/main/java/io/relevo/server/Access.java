package io.relevo.server;

import com.sun.net.httpserver.HttpExchange;
import io.relevo.core.access.ApiToken;
import io.relevo.core.access.Role;
import io.relevo.core.access.TokenStore;
import java.io.IOException;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may call the API: the state dir's token as the local admin, and the named tokens of the
 * store, each with its role ({@link EndpointRoles}). Tokens are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, in constant time; the store finds a named token by its digest, so
 * no secret is ever compared character by character. Failed attempts are counted per client address
 * ({@link FailedAttempts}).
 */
final class Access {

  /** A token's last use is written at most this often, not on every request. */
  private static final Duration USE_RESOLUTION = Duration.ofMinutes(1);

  private final byte[] localDigest;
  private final TokenStore tokens;
  private final InstantSource clock;
  private final FailedAttempts failures;
  private final Map<String, Instant> lastMarked = new ConcurrentHashMap<>();

  /**
   * Named tokens already found, by the hex SHA-256 of their secret, so a request does not wait for
   * the store's one connection. Tokens are created and revoked only through this API, and {@link
   * #revoke} forgets a token here as it deletes it; unknown secrets are never cached.
   */
  private final Map<String, ApiToken> known = new ConcurrentHashMap<>();

  private Access(
      String localToken, TokenStore tokens, InstantSource clock, FailedAttempts failures) {
    this.localDigest = TokenSecrets.sha256(localToken);
    this.tokens = tokens;
    this.clock = clock;
    this.failures = failures;
  }

  /**
   * The local token and the named tokens of {@code tokens}, expiring by {@code clock}, with failed
   * attempts limited per client address.
   */
  static Access of(String localToken, TokenStore tokens, InstantSource clock) {
    return new Access(localToken, tokens, clock, new FailedAttempts(clock, FailedAttempts.LIMIT));
  }

  /**
   * Only the local token, and no limit on failed attempts: for an API embedded in a test that sends
   * wrong tokens on purpose, many times a second. The agent uses {@link #of}.
   */
  static Access localOnly(String localToken) {
    InstantSource clock = InstantSource.system();
    return new Access(
        localToken, TokenStore.none(), clock, new FailedAttempts(clock, Integer.MAX_VALUE));
  }

  TokenStore tokens() {
    return tokens;
  }

  InstantSource clock() {
    return clock;
  }

  /**
   * The caller of a request to {@code method path}, once its token is valid and its role allows it.
   *
   * @throws AccessDenied 429 for an address with too many failures, 401 without a valid token, 403
   *     when the token's role does not allow the endpoint
   */
  Caller admit(HttpExchange exchange, String method, String path) {
    InetAddress client = exchange.getRemoteAddress().getAddress();
    Optional<Duration> blocked = failures.blockedFor(client);
    if (blocked.isPresent()) {
      throw AccessDenied.rateLimited(blocked.get());
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    Caller caller;
    try {
      caller = authenticate(header);
    } catch (AccessDenied denied) {
      if (header != null) { // a request without credentials guesses nothing: not counted
        failures.record(client);
      }
      throw denied;
    }
    Role required = EndpointRoles.required(method, path);
    if (!caller.role().allows(required)) {
      throw AccessDenied.forbidden(
          "token "
              + caller.name()
              + " ("
              + caller.role().wireName()
              + ") may not "
              + method
              + " "
              + path
              + ": that needs the "
              + required.wireName()
              + " role (an admin can give you a token with it: `relevo token create NAME --role "
              + required.wireName()
              + "`)");
    }
    return caller;
  }

  /**
   * The caller of a request, as {@link #admit}; or empty once a refusal (or the failure of the
   * token store) has been answered.
   */
  Optional<Caller> admitOrAnswer(HttpExchange exchange, String method, String path, String what)
      throws IOException {
    try {
      return Optional.of(admit(exchange, method, path));
    } catch (AccessDenied denied) {
      denied.send(exchange, what);
    } catch (RuntimeException e) {
      Exchanges.sendError(exchange, e, what);
    }
    return Optional.empty();
  }

  /**
   * True when {@code /metrics} may be served: to a client on this host without a token, as
   * Prometheus next to the agent scrapes; from elsewhere (the API behind TLS) with any valid token.
   * Otherwise answers the refusal and returns false.
   */
  boolean admitsMetrics(HttpExchange exchange, String method, String what) throws IOException {
    if (exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
      return true;
    }
    return admitOrAnswer(exchange, method, "/metrics", what).isPresent();
  }

  /** The caller a header names; throws 401 for a missing, unknown, expired or revoked token. */
  Caller authenticate(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw AccessDenied.unauthorized("no bearer token");
    }
    byte[] digest = TokenSecrets.sha256(header.substring(7).strip());
    if (MessageDigest.isEqual(digest, localDigest)) {
      return Caller.localAdmin();
    }
    String hex = TokenSecrets.hex(digest);
    ApiToken token = known.get(hex);
    if (token == null) {
      token =
          tokens
              .findBySha256(hex)
              .filter(t -> MessageDigest.isEqual(HexFormat.of().parseHex(t.sha256()), digest))
              .orElseThrow(
                  () -> AccessDenied.unauthorized("unknown token (never made, or revoked)"));
      known.put(hex, token);
    }
    Instant now = clock.instant();
    if (token.expiredAt(now)) {
      throw AccessDenied.unauthorized("token " + token.name() + " expired at " + token.expiresAt());
    }
    markUsed(token.name(), now);
    return new Caller(token.name(), token.role(), false);
  }

  /** Revokes the named token: refused from the next request on. False when there was none. */
  boolean revoke(String name) {
    boolean revoked = tokens.revoke(name);
    known.values().removeIf(t -> t.name().equals(name));
    lastMarked.remove(name);
    return revoked;
  }

  private void markUsed(String name, Instant now) {
    Instant last = lastMarked.get(name);
    if (last == null || !now.isBefore(last.plus(USE_RESOLUTION))) {
      lastMarked.put(name, now);
      tokens.markUsed(name, now);
    }
  }
}
