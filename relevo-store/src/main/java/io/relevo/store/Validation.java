package io.relevo.store;

import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;

/**
 * Checks what the store is asked to write against the schema's NOT NULL columns, so a caller's
 * mistake reads as the field it got wrong, not as a constraint name from the database.
 */
final class Validation {

  private Validation() {}

  static void requireValid(Revision revision) {
    require(revision != null, "revision", null, "a revision");
    require(isName(revision.app()), "revision.app", revision.app(), "a name");
    require(revision.number() >= 1, "revision.number", revision.number(), ">= 1");
    require(revision.version() != null, "revision.version", null, "a version label");
    require(revision.state() != null, "revision.state", null, "a state");
    require(revision.createdAt() != null, "revision.createdAt", null, "an instant");
  }

  static void requireValid(RolloutRecord rollout) {
    require(rollout != null, "rollout", null, "a rollout");
    require(isName(rollout.app()), "rollout.app", rollout.app(), "a name");
    require(rollout.kind() != null, "rollout.kind", null, "DEPLOY or ROLLBACK");
    require(rollout.toRevision() >= 1, "rollout.toRevision", rollout.toRevision(), ">= 1");
    require(rollout.strategy() != null, "rollout.strategy", null, "a strategy name");
    require(rollout.actor() != null, "rollout.actor", null, "who started it");
    require(rollout.startedAt() != null, "rollout.startedAt", null, "an instant");
  }

  static void requireValid(RolloutEvent event) {
    require(event != null, "event", null, "an event");
    require(event.at() != null, "event.at", null, "an instant");
    require(isName(event.step()), "event.step", event.step(), "a step name");
    require(event.status() != null, "event.status", null, "a status");
  }

  private static boolean isName(String value) {
    return value != null && !value.isBlank();
  }

  private static void require(boolean ok, String what, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(what + ": " + value + " (expected: " + expected + ")");
    }
  }
}
