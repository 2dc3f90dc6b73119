package io.relevo.observe.notify;

import io.relevo.core.notify.RolloutNotice;
import io.relevo.core.store.RolloutRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A notice as people read it: a title line, then the facts, the evidence and the way back. */
final class MessageText {

  private MessageText() {}

  /** {@code shop (production): rolled back 1.2.3 → 1.2.2}. */
  static String title(RolloutNotice n) {
    RolloutRecord r = n.rollout();
    String what =
        switch (n.event()) {
          case STARTED ->
              r.kind() == RolloutRecord.Kind.ROLLBACK ? "rollback started" : "deploy started";
          case PROMOTED -> "promoted";
          case ROLLED_BACK -> "rolled back";
          case FAILED -> "failed";
          case WAITING_FOR_APPROVAL -> "waiting for approval";
        };
    String versions =
        n.fromVersion().isEmpty() ? n.toVersion() : n.fromVersion() + " → " + n.toVersion();
    return n.app() + " (" + n.env() + "): " + what + " " + versions;
  }

  /** The lines under the title. */
  static List<String> body(RolloutNotice n) {
    RolloutRecord r = n.rollout();
    List<String> lines = new ArrayList<>();
    String took =
        r.finishedAt() == null
            ? ""
            : ", took " + human(Duration.between(r.startedAt(), r.finishedAt()));
    lines.add(
        "actor: "
            + r.actor()
            + " · strategy: "
            + r.strategy()
            + " · outcome: "
            + r.outcome().name().toLowerCase(java.util.Locale.ROOT)
            + took
            + " · rollout "
            + r.id());
    if (!r.reason().isEmpty()) {
      lines.add("why: " + r.reason());
    }
    if (r.outcomeReason() != null && !r.outcomeReason().isEmpty()) {
      lines.add("result: " + r.outcomeReason());
    }
    if (!n.evidence().isEmpty()) {
      lines.add("analysis evidence:");
      n.evidence().forEach(e -> lines.add("  " + e));
    }
    if (!n.rollbackCommand().isEmpty()) {
      lines.add("to roll back: " + n.rollbackCommand());
    }
    return lines;
  }

  static String plain(RolloutNotice n) {
    return title(n) + "\n" + String.join("\n", body(n)) + "\n";
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    return s >= 60 ? s / 60 + "m" + (s % 60) + "s" : d.toMillis() / 1000.0 + "s";
  }
}
