package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.store.RolloutRecord;
import java.util.Optional;

/** Where approvals of a pending deploy are taken and where status learns that one waits. */
final class ApprovalDesk {

  private final EngineParts parts;

  ApprovalDesk(EngineParts parts) {
    this.parts = parts;
  }

  /** The status alert of a deploy that waits for approvals, if one does. */
  Optional<String> alert(LiveApp live) {
    PendingApproval pending = live.pending;
    if (pending == null) {
      return Optional.empty();
    }
    return Optional.of(
        "pending: rollout "
            + pending.rolloutId
            + " waits for approvals, "
            + pending.describe(parts.clock().instant())
            + ", until "
            + pending.deadline()
            + "; approve with `relevo approve "
            + live.name
            + " --rollout "
            + pending.rolloutId
            + "`, cancel with `relevo abort "
            + live.name
            + "`");
  }

  /** See {@link RolloutEngine#approve}. */
  String approve(LiveApp live, long rolloutId, String person) {
    String app = live.name;
    PendingApproval pending = live.pending;
    if (pending == null || pending.rolloutId != rolloutId) {
      RolloutRecord rollout =
          parts
              .store()
              .rollout(rolloutId)
              .filter(r -> r.app().equals(app))
              .orElseThrow(
                  () ->
                      new RelevoException(
                          Kind.NOT_FOUND,
                          "no rollout "
                              + rolloutId
                              + " of "
                              + app
                              + " (expected: the ID `relevo status "
                              + app
                              + "` shows as pending)"));
      throw new RelevoException(
          Kind.BAD_INPUT,
          "rollout "
              + rolloutId
              + " of "
              + app
              + " does not wait for approvals (it is "
              + rollout.outcome().name().toLowerCase(java.util.Locale.ROOT)
              + ")");
    }
    java.time.Instant now = parts.clock().instant();
    PendingApproval.Approval approval = pending.approve(app, person, now);
    String state = pending.describe(now);
    new RolloutLog(rolloutId, parts, RolloutListener.none())
        .event(
            "approval",
            io.relevo.core.store.RolloutEvent.Status.INFO,
            "approved by "
                + person
                + (approval.group().isEmpty() ? "" : " (" + approval.group() + ")")
                + ": "
                + state);
    return state;
  }
}
