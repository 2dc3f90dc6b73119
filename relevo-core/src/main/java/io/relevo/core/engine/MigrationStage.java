package io.relevo.core.engine;

import io.relevo.core.config.Durations;
import io.relevo.core.config.LintConfig;
import io.relevo.core.config.MigrationsConfig;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.database.CommandResult;
import io.relevo.core.database.LintIssue;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutEvent.Status;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The migration steps of a deploy, after the backup and before the new revision starts: {@code
 * preview} prints the SQL, the lint reads it, {@code apply} runs it, and when apply fails {@code
 * rollback} undoes it. Each command runs with the revision's environment and the configured
 * timeout; its output goes to the rollout's log. Nothing has traffic yet, so a failure here leaves
 * traffic where it was.
 */
final class MigrationStage {

  /** The lines of a command's output kept in one event of the rollout's log. */
  static final int LOGGED_LINES = 200;

  private final EngineParts parts;

  MigrationStage(EngineParts parts) {
    this.parts = parts;
  }

  void run(LiveApp app, Revision candidate, DeployRequest request, RolloutLog log)
      throws StepFailed {
    MigrationsConfig config = app.config.migrations();
    if (config.apply().isEmpty()) {
      return;
    }
    Map<String, String> env = environment(app.config.runtime(), candidate);
    Path workdir = workdir(app);
    List<LintIssue> destructive = List.of();
    if (config.preview().isPresent()) {
      CommandResult preview = run("preview", config.preview().get(), env, workdir, config, log);
      destructive =
          lint(preview.output(), config.preview().get(), config.lint(), request, log).stream()
              .filter(i -> i.kind() == LintIssue.Kind.DESTRUCTIVE)
              .toList();
    }
    String apply = config.apply().get();
    CommandResult applied = parts.databases().commands().run(apply, env, workdir, config.timeout());
    log.event(
        "migrate",
        applied.succeeded() ? Status.OK : Status.FAILED,
        output(apply, applied),
        applied.took());
    if (!applied.succeeded()) {
      String undone =
          config
              .rollback()
              .map(r -> undo(r, env, workdir, config, log))
              .orElse("no migrations.rollback is configured");
      throw new StepFailed(
          "migration `"
              + apply
              + "` "
              + ended(applied, config)
              + "; last lines:\n"
              + applied.tail(10)
              + "\n"
              + undone
              + "; the new revision was not started");
    }
    if (!destructive.isEmpty()) {
      log.event(PointOfNoReturn.STEP, Status.WARNING, PointOfNoReturn.mark(candidate, destructive));
    }
  }

  private CommandResult run(
      String step,
      String command,
      Map<String, String> env,
      Path workdir,
      MigrationsConfig config,
      RolloutLog log)
      throws StepFailed {
    CommandResult result =
        parts.databases().commands().run(command, env, workdir, config.timeout());
    log.event(
        step,
        result.succeeded() ? Status.OK : Status.FAILED,
        output(command, result),
        result.took());
    if (!result.succeeded()) {
      throw new StepFailed(
          "migration "
              + step
              + " `"
              + command
              + "` "
              + ended(result, config)
              + "; last lines:\n"
              + result.tail(10));
    }
    return result;
  }

  private List<LintIssue> lint(
      String sql, String preview, LintConfig levels, DeployRequest request, RolloutLog log)
      throws StepFailed {
    List<LintIssue> issues = parts.databases().linter().lint(sql);
    List<LintIssue> errors =
        issues.stream()
            .filter(i -> levels.level(i.kind().name()) == LintConfig.Level.ERROR)
            .toList();
    for (LintIssue issue : issues) {
      if (!errors.contains(issue)) {
        log.event("lint", Status.WARNING, issue.describe());
      }
    }
    if (errors.isEmpty()) {
      log.event(
          "lint",
          Status.OK,
          issues.isEmpty()
              ? "the previewed SQL is additive"
              : issues.size() + " warnings, no errors");
      return issues;
    }
    String listed = errors.stream().map(i -> "  " + i.describe()).collect(Collectors.joining("\n"));
    if (request.allowDestructive()) {
      log.event(
          "lint",
          Status.WARNING,
          errors.size()
              + " lint errors allowed by "
              + request.actor()
              + " with --allow-destructive: "
              + request.reason()
              + "\n"
              + listed);
      return issues;
    }
    throw new StepFailed(
        "migration lint refused "
            + errors.size()
            + " statement"
            + (errors.size() == 1 ? "" : "s")
            + " in the output of `"
            + preview
            + "`:\n"
            + listed
            + "\nthe migration did not run; make it additive (expand now, contract later) or deploy"
            + " with --allow-destructive --reason \"...\"");
  }

  private String undo(
      String rollback,
      Map<String, String> env,
      Path workdir,
      MigrationsConfig config,
      RolloutLog log) {
    CommandResult undone =
        parts.databases().commands().run(rollback, env, workdir, config.timeout());
    log.event(
        "migrate-rollback",
        undone.succeeded() ? Status.OK : Status.FAILED,
        output(rollback, undone),
        undone.took());
    return undone.succeeded()
        ? "`" + rollback + "` undid it"
        : "`"
            + rollback
            + "` "
            + ended(undone, config)
            + " too: check the database (see `relevo backups`)";
  }

  private static String ended(CommandResult result, MigrationsConfig config) {
    return result.timedOut()
        ? "did not finish within " + Durations.format(config.timeout()) + " and was killed"
        : "exited with " + result.exitCode();
  }

  private static String output(String command, CommandResult result) {
    return "$ " + command + "\n" + result.tail(LOGGED_LINES);
  }

  /**
   * The revision's own variables, as its runtime gets them (the agent's environment is inherited).
   */
  static Map<String, String> environment(RuntimeConfig runtime, Revision candidate) {
    Map<String, String> env = new LinkedHashMap<>();
    runtime
        .env()
        .forEach((name, value) -> env.put(name, value.replace("{version}", candidate.version())));
    env.put("RELEVO_APP", candidate.app());
    env.put("RELEVO_REVISION", Integer.toString(candidate.number()));
    env.put("RELEVO_VERSION", candidate.version());
    return env;
  }

  static Path workdir(LiveApp app) {
    Path base = app.baseDir.toAbsolutePath().normalize();
    String workdir = app.config.runtime().workdir();
    return workdir == null ? base : base.resolve(workdir).normalize();
  }
}
