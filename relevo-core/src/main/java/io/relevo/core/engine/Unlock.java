package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.store.RolloutEvent.Status;
import java.util.logging.Logger;

/**
 * {@code relevo unlock APP --reason}: ends whatever holds an app's rollout lock, the way an abort
 * would, and keeps who and why in the held rollout's history. Waiting for the holder to let go is
 * done in real time, since it waits on another thread and not on the rollout's clock.
 */
final class Unlock {

  private static final Logger LOG = Logger.getLogger(Unlock.class.getName());
  private static final long ABORT_GRACE_MILLIS = 5_000;
  private static final long INTERRUPT_GRACE_MILLIS = 5_000;

  private final EngineParts parts;

  Unlock(EngineParts parts) {
    this.parts = parts;
  }

  String run(LiveApp app, String actor, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new RelevoException(
          Kind.BAD_INPUT,
          "unlock needs a reason (expected: --reason \"why the lock is stale\"; history keeps it)");
    }
    LockHolder holder;
    Long rollout;
    synchronized (app) {
      holder = app.holder;
      rollout = app.activeRollout;
    }
    if (holder == null) {
      throw new RelevoException(
          Kind.NOT_FOUND, "nothing holds the rollout lock of " + app.name + "; nothing to unlock");
    }
    String held = holder.describe(parts.clock().instant(), rollout);
    String note = "unlocked by " + actor + ": " + reason;
    app.unlocked = note;
    LOG.warning(app.name + ": " + note + " (held by " + held + ")");
    if (rollout != null) {
      new RolloutLog(rollout, parts, RolloutListener.none())
          .event("unlock", Status.WARNING, note + " (held by " + held + ")");
    }
    RolloutControl control = app.control;
    if (control != null) {
      control.abort(actor, "unlocked: " + reason);
    }
    if (!awaitRelease(app, holder, ABORT_GRACE_MILLIS)) {
      holder.thread().interrupt();
      if (!awaitRelease(app, holder, INTERRUPT_GRACE_MILLIS)) {
        throw new RelevoException(
            Kind.FAILED,
            held
                + " did not let go of the lock of "
                + app.name
                + " within 10s of the unlock; restart the agent, which frees it and closes the"
                + " unfinished rollout");
      }
    }
    return held;
  }

  private static boolean awaitRelease(LiveApp app, LockHolder holder, long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (app.holder == holder) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
