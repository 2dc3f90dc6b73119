package io.relevo.core.access;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named API token as the history keeps it: never the secret, only its SHA-256.
 *
 * @param name {@code [a-z0-9][a-z0-9-]{0,39}}: what history records as the actor of its actions
 * @param role what the token may do
 * @param sha256 the lowercase hex SHA-256 of the secret
 * @param createdBy the name of the token (or local user) that created it
 * @param createdAt when it was created
 * @param expiresAt when it stops working; null for never
 * @param lastUsedAt when it last authorized a request (kept to the minute); null for never
 */
public record ApiToken(
    String name,
    Role role,
    String sha256,
    String createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt) {

  /** Names of tokens: lowercase letters, digits and dashes, 1 to 40, not starting with a dash. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public ApiToken {
    requireName(name);
    Objects.requireNonNull(role, "role");
    if (sha256 == null || !HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256: " + sha256 + " (expected: 64 lowercase hex)");
    }
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** True when the token no longer works at {@code now}. */
  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /**
   * Checks a token name.
   *
   * @throws IllegalArgumentException naming the value and the rule
   */
  public static String requireName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "token name: "
              + (name == null ? "null" : "\"" + name + "\"")
              + " (expected: 1 to 40 lowercase letters, digits and dashes, like ci-bot)");
    }
    return name;
  }
}
