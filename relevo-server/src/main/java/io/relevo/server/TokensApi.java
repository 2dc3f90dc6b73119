package io.relevo.server;

import com.sun.net.httpserver.HttpExchange;
import io.relevo.core.RelevoException;
import io.relevo.core.access.ApiToken;
import io.relevo.core.access.Role;
import io.relevo.server.v1.TokenCreateBody;
import io.relevo.server.v1.TokenCreated;
import io.relevo.server.v1.TokenView;
import io.relevo.server.v1.WhoAmI;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The token endpoints (admin only, by {@link EndpointRoles}) and {@code whoami} (anyone):
 *
 * <pre>
 * GET    /api/v1/whoami                                 WhoAmI
 * GET    /api/v1/tokens                                 [TokenView], by name
 * POST   /api/v1/tokens          TokenCreateBody        201 TokenCreated: the secret, shown once
 * DELETE /api/v1/tokens/{name}                          204; 404 for an unknown token
 * </pre>
 */
final class TokensApi {

  static final String TOKENS = "/api/v1/tokens";
  static final String WHOAMI = "/api/v1/whoami";

  private TokensApi() {}

  /** True for the paths this class answers. */
  static boolean serves(String path) {
    return path.equals(WHOAMI) || path.equals(TOKENS) || path.startsWith(TOKENS + "/");
  }

  static void route(
      HttpExchange exchange, String method, String path, byte[] bytes, Caller caller, Access access)
      throws IOException {
    if (path.equals(WHOAMI)) {
      requireMethod(method, "GET", path, "GET");
      Exchanges.sendJson(exchange, 200, new WhoAmI(caller.name(), caller.role().wireName()));
    } else if (path.equals(TOKENS) && method.equals("GET")) {
      Instant now = access.clock().instant();
      Exchanges.sendJson(
          exchange, 200, access.tokens().list().stream().map(t -> TokenView.of(t, now)).toList());
    } else if (path.equals(TOKENS)) {
      requireMethod(method, "POST", path, "GET or POST");
      TokenCreateBody body = Exchanges.readJson(bytes, TokenCreateBody.class);
      Exchanges.sendJson(exchange, 201, create(body, caller, access));
    } else {
      requireMethod(method, "DELETE", path, "DELETE");
      String name = Exchanges.decode(path.substring(TOKENS.length() + 1));
      if (!access.revoke(name)) {
        throw new RelevoException(
            RelevoException.Kind.NOT_FOUND,
            "token " + name + " does not exist (see `relevo token list`)");
      }
      Exchanges.sendNoContent(exchange);
    }
  }

  private static TokenCreated create(TokenCreateBody body, Caller caller, Access access) {
    String name;
    try {
      name = ApiToken.requireName(body.name());
    } catch (IllegalArgumentException e) {
      throw new RelevoException(RelevoException.Kind.BAD_INPUT, e.getMessage());
    }
    if (name.equals(Caller.LOCAL)) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "token name: \"local\" is the state dir's own token (expected: another name)");
    }
    Role role = Role.parse(body.role());
    Duration lifetime = TokenExpiry.parse(body.expires());
    Instant now = access.clock().instant();
    Instant expiresAt =
        lifetime == null ? null : now.plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
    String secret = TokenSecrets.newSecret();
    access
        .tokens()
        .create(
            new ApiToken(
                name,
                role,
                TokenSecrets.hex(TokenSecrets.sha256(secret)),
                caller.name(),
                now,
                expiresAt,
                null));
    return new TokenCreated(name, role.wireName(), expiresAt, secret);
  }

  private static void requireMethod(String method, String expected, String path, String allowed) {
    if (!method.equals(expected)) {
      throw HttpProblem.methodNotAllowed(method, path, allowed);
    }
  }
}
