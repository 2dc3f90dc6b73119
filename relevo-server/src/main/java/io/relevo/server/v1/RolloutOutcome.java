package io.relevo.server.v1;

/** How a rollout ended, or {@link #RUNNING} while it is under way. */
public enum RolloutOutcome {
  RUNNING,
  PROMOTED,
  FAILED,
  ROLLED_BACK,
  ABORTED,
  RESTORED,
  RECORDED;

  /** True when the rollout did what it set out to do: {@link #PROMOTED} or {@link #RESTORED}. */
  public boolean succeeded() {
    return this == PROMOTED || this == RESTORED;
  }
}
