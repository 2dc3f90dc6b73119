package io.relevo.server.v1;

/** Where a revision is in its life. */
public enum RevisionState {
  STARTING,
  READY,
  CANARY,
  SERVING,
  WARM,
  STOPPED,
  FAILED,
  CRASHED
}
