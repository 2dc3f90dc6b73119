package io.relevo.server.v1;

import java.time.Instant;

/**
 * The answer to {@code POST /api/v1/tokens}: the only time the secret is shown.
 *
 * @param expiresAt null when the token never expires
 * @param token the secret, to send as {@code Authorization: Bearer <token>}
 */
public record TokenCreated(String name, String role, Instant expiresAt, String token) {}
