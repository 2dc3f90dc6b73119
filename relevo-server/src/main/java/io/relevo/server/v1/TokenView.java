package io.relevo.server.v1;

import io.relevo.core.access.ApiToken;
import java.time.Instant;

/**
 * A token as {@code GET /api/v1/tokens} lists it: never its secret nor its hash.
 *
 * @param expiresAt null for never
 * @param lastUsedAt null for never; kept to the minute
 * @param expired true when it no longer works
 */
public record TokenView(
    String name,
    String role,
    String createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    boolean expired) {

  public static TokenView of(ApiToken token, Instant now) {
    return new TokenView(
        token.name(),
        token.role().wireName(),
        token.createdBy(),
        token.createdAt(),
        token.expiresAt(),
        token.lastUsedAt(),
        token.expiredAt(now));
  }
}
