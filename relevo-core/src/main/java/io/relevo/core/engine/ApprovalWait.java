package io.relevo.core.engine;

import io.relevo.core.config.ApprovalPolicy;
import io.relevo.core.config.Durations;
import io.relevo.core.store.RolloutEvent.Status;
import java.time.Instant;

/**
 * Holds a deploy until its approvals make the quorum: shown as pending in {@code relevo status},
 * cancelled by {@code relevo abort}, failed when {@code wait_for} passes. It checks every 100 ms of
 * real time (an approval wakes it at once) and reads the time from the engine's clock.
 */
final class ApprovalWait {

  private final EngineParts parts;

  ApprovalWait(EngineParts parts) {
    this.parts = parts;
  }

  void await(LiveApp app, ApprovalPolicy policy, String requester, RolloutLog log)
      throws StepFailed, InterruptedException {
    Instant now = parts.clock().instant();
    PendingApproval pending = new PendingApproval(log.rolloutId, requester, policy, now);
    app.pending = pending;
    try {
      log.event(
          "approval",
          Status.STARTED,
          "waiting for "
              + policy.quorum()
              + " approval"
              + (policy.quorum() == 1 ? "" : "s")
              + (policy.groups().isEmpty()
                  ? ""
                  : " (at least one from each of "
                      + String.join(", ", policy.groups().keySet())
                      + ")")
              + " for "
              + policy.env()
              + " until "
              + pending.deadline()
              + ": `relevo approve "
              + app.name
              + " --rollout "
              + log.rolloutId
              + "`; "
              + requester
              + " asked and cannot approve; cancel with `relevo abort "
              + app.name
              + "`");
      while (true) {
        app.control.throwIfAborted();
        now = parts.clock().instant();
        if (pending.approved(now)) {
          log.event("approval", Status.OK, "approved: " + pending.describe(now));
          return;
        }
        if (!now.isBefore(pending.deadline())) {
          throw new StepFailed(
              "not approved within "
                  + Durations.format(policy.waitFor())
                  + ": "
                  + pending.describe(now));
        }
        pending.awaitChange(100);
      }
    } finally {
      app.pending = null;
    }
  }
}
