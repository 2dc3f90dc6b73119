package io.relevo.server.v1;

import io.relevo.core.RelevoException;

/**
 * The body of {@code POST /api/v1/apps/{app}/approve}.
 *
 * @param rollout the id of the deploy waiting for approvals; required
 * @param actor who approves: the CLI's OS user or {@code --actor} today, a named API token's
 *     identity later
 */
public record ApproveBody(Long rollout, String actor) {

  public ApproveBody {
    if (rollout == null) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "request body: rollout: missing (expected: the id of the deploy waiting for approvals,"
              + " as `relevo status` shows it)");
    }
  }
}
