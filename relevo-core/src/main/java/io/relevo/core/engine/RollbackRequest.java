package io.relevo.core.engine;

/**
 * A request to take traffic back to an earlier revision.
 *
 * @param app the app
 * @param toRevision the revision to return to; null = the last known good revision other than the
 *     stable one, warm first
 * @param actor who asks
 * @param reason why, may be empty
 */
public record RollbackRequest(String app, Integer toRevision, String actor, String reason) {

  public RollbackRequest {
    actor = actor == null || actor.isBlank() ? "unknown" : actor;
    reason = reason == null ? "" : reason;
  }
}
