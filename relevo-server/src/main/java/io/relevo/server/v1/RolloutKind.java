package io.relevo.server.v1;

/** What a rollout does: a deploy, a rollback, a database restore, or a recorded incident. */
public enum RolloutKind {
  DEPLOY,
  ROLLBACK,
  RESTORE,
  INCIDENT
}
