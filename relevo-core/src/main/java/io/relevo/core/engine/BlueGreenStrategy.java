package io.relevo.core.engine;

import io.relevo.core.store.RolloutCheckpoint;

/** All traffic moves in one atomic switch; the previous revision stays warm for a rollback. */
final class BlueGreenStrategy implements RolloutStrategy {

  @Override
  public String name() {
    return "bluegreen";
  }

  @Override
  public void shift(Rollout rollout) {
    rollout.checkpoint(0, 0, RolloutCheckpoint.Phase.PROMOTING);
    rollout
        .promotion()
        .switchTo(
            rollout.app(),
            rollout.candidate(),
            rollout.candidateInstance(),
            rollout.stable(),
            true,
            rollout.log());
  }
}
