package io.relevo.core.engine;

import io.relevo.core.RelevoException;
import io.relevo.core.RelevoException.Kind;
import io.relevo.core.config.BackupConfig;
import io.relevo.core.database.Backup;
import io.relevo.core.database.Backups;
import io.relevo.core.database.LintIssue;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.RolloutRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The point of no return: once a deploy applied a destructive migration (DROP COLUMN, RENAME, …),
 * the code of an older revision no longer fits the schema. The deploy's history carries a {@code
 * no-return} event; a rollback to a revision older than that deploy's is refused unless it restores
 * a backup first ({@code --with-restore}) or is forced with a reason.
 */
final class PointOfNoReturn {

  static final String STEP = "no-return";

  private final EngineParts parts;

  PointOfNoReturn(EngineParts parts) {
    this.parts = parts;
  }

  /** A deploy that crossed the point: the rollout and its no-return event. */
  record Crossing(RolloutRecord rollout, RolloutEvent event) {}

  /** What a permitted rollback does about the point of no return. */
  record Plan(Optional<Backup> restore, String forced) {

    static Plan nothing() {
      return new Plan(Optional.empty(), "");
    }
  }

  /** The no-return event's message. */
  static String mark(Revision candidate, List<LintIssue> destructive) {
    return "point of no return: revision "
        + candidate.label()
        + " applied a destructive migration ("
        + destructive.stream()
            .map(i -> "line " + i.line() + ": " + i.statement())
            .collect(Collectors.joining("; "))
        + "); a code-only rollback to an older revision is refused";
  }

  /** The app's newest deploy that applied a destructive migration, if any. */
  Optional<Crossing> newest(String app) {
    for (RolloutRecord rollout : parts.store().rollouts(app, 500)) {
      for (RolloutEvent event : rollout.events()) {
        if (STEP.equals(event.step())) {
          return Optional.of(new Crossing(rollout, event));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Decides a rollback to {@code target}: throws CONFLICT, in one line, when it would take the code
   * past a point of no return without a restore or {@code --force}; NOT_FOUND for an unknown
   * backup.
   */
  Plan check(String app, Revision target, RollbackRequest request) {
    Optional<Backup> restore =
        request.withRestore() == null
            ? Optional.empty()
            : Optional.of(backup(app, request.withRestore()));
    Optional<Crossing> crossing =
        newest(app).filter(c -> target.number() < c.rollout().toRevision());
    if (crossing.isEmpty() || restore.isPresent()) {
      return new Plan(restore, "");
    }
    RolloutRecord rollout = crossing.get().rollout();
    if (request.force()) {
      return new Plan(
          Optional.empty(),
          request.actor()
              + " forced a code-only rollback past the point of no return of rollout "
              + rollout.id()
              + ": "
              + request.reason());
    }
    String suggestion =
        parts.databases().history().backups(app).stream()
            .filter(b -> b.rolloutId() == rollout.id())
            .findFirst()
            .map(
                b ->
                    request.severity() == null
                        ? "--with-restore " + b.id() + " (taken before that migration)"
                        : "`relevo rollback "
                            + app
                            + " --severity "
                            + request.severity()
                            + " --reason \""
                            + request.reason().replace("\"", "'")
                            + "\" --with-restore "
                            + b.id()
                            + "` (backup "
                            + b.id()
                            + " was taken before that migration)")
            .orElse("--with-restore BACKUP (see `relevo backups " + app + "`)");
    throw new RelevoException(
        Kind.CONFLICT,
        "revision "
            + target.label()
            + " is older than rollout "
            + rollout.id()
            + ", which applied a destructive migration with revision "
            + rollout.toRevision()
            + " (a point of no return): its code expects the old schema; roll back with "
            + suggestion
            + ", or with --force --reason \"...\" to keep today's data and schema");
  }

  /** Carries out the plan in the rollback's log: a safety backup and the restore, or the note. */
  void carryOut(LiveApp app, Plan plan, RolloutLog log) throws StepFailed {
    if (!plan.forced().isEmpty()) {
      log.event(STEP, Status.WARNING, plan.forced());
    }
    if (plan.restore().isEmpty()) {
      return;
    }
    Backup backup = plan.restore().get();
    BackupConfig config =
        app.config
            .migrations()
            .backup()
            .orElseThrow(
                () ->
                    new StepFailed(
                        app.name + " has no migrations.backup: nothing to restore into"));
    try {
      Backups.Taken safety =
          new Backups(parts.databases(), parts.clock())
              .take(
                  app.name,
                  config,
                  app.baseDir,
                  0,
                  log.rolloutId,
                  "before restoring backup " + backup.id(),
                  java.util.Set.of());
      log.event(
          "backup",
          Status.OK,
          "the current state first: " + BackupGate.describe(safety.backup()),
          safety.took());
      log.event(
          "restore",
          Status.STARTED,
          "restoring backup "
              + backup.id()
              + " ("
              + backup.file()
              + ") into "
              + config.database().redacted());
      parts.databases().adapter().restore(config.database(), Path.of(backup.file()));
      log.event(
          "restore", Status.OK, "restored backup " + backup.id() + " taken " + backup.takenAt());
    } catch (RelevoException e) {
      throw new StepFailed("restore of backup " + backup.id() + " failed: " + e.getMessage());
    }
  }

  private Backup backup(String app, long id) {
    return parts.databases().history().backups(app).stream()
        .filter(b -> b.id() == id)
        .findFirst()
        .orElseThrow(
            () ->
                new RelevoException(
                    Kind.NOT_FOUND,
                    "no backup " + id + " of " + app + " (see `relevo backups " + app + "`)"));
  }
}
