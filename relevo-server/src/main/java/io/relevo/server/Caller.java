package io.relevo.server;

import io.relevo.core.access.Role;
import java.util.Objects;

/**
 * Who sent an API request, as its token says.
 *
 * @param name the token's name; {@code local} for the state dir's token
 * @param role what the token may do
 * @param local true for the state dir's token, which only someone on the agent's host can read
 */
record Caller(String name, Role role, boolean local) {

  /** The name of the state dir's token, the local admin. */
  static final String LOCAL = "local";

  Caller {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }

  static Caller localAdmin() {
    return new Caller(LOCAL, Role.ADMIN, true);
  }

  /**
   * The actor history records for an action: a named token's name, whatever the request body says,
   * so a token cannot act under another name; for the local token, the person the CLI names (its OS
   * user or {@code --actor}), since whoever reads the state dir's token is on the host already,
   * else {@code local}.
   */
  String actor(String sent) {
    if (!local) {
      return name;
    }
    return sent == null || sent.isBlank() ? LOCAL : sent;
  }
}
