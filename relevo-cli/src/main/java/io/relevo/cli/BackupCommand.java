package io.relevo.cli;

import io.relevo.server.v1.BackupView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code relevo backup APP}: a verified backup of the app's database, now. */
@Command(
    name = "backup",
    description = {
      "Back up an app's database now (pg_dump -Fc under migrations.backup), verify the dump and"
          + " record it.",
      "Verified = not empty, pg_restore --list reads it, and it holds as many tables as the live"
          + " schema."
    })
final class BackupCommand implements Callable<Integer> {

  private final CliContext context;

  // Optional for picocli, so that `relevo backup verify APP` is not read as a missing APP.
  @Parameters(index = "0", arity = "0..1", paramLabel = "APP")
  String app;

  @Mixin ActorOption actor;
  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  BackupCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (app == null) {
      throw new io.relevo.core.RelevoException(
          io.relevo.core.RelevoException.Kind.BAD_INPUT,
          "APP: missing (expected: relevo backup APP, or relevo backup verify APP)");
    }
    BackupView backup = connection.client(context).backup(app, actor.actor(context));
    if (output.json()) {
      OutputOption.printJson(context, backup);
      return ExitCodes.OK;
    }
    context
        .out()
        .println(
            app
                + ": backup "
                + backup.id()
                + " verified: "
                + backup.file()
                + " ("
                + io.relevo.core.database.Backups.size(backup.sizeBytes())
                + ", "
                + backup.tables()
                + " tables, sha256 "
                + backup.sha256()
                + ")");
    context.out().flush();
    return ExitCodes.OK;
  }
}
