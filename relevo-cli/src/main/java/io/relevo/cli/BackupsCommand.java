package io.relevo.cli;

import io.relevo.core.database.Backups;
import io.relevo.server.v1.BackupView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code relevo backups APP}: the app's verified backups, newest first. */
@Command(name = "backups", description = "List an app's verified database backups, newest first.")
final class BackupsCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  BackupsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<BackupView> backups = connection.client(context).backups(app);
    if (output.json()) {
      OutputOption.printJson(context, backups);
      return ExitCodes.OK;
    }
    if (backups.isEmpty()) {
      context.out().println(app + ": no backups yet; take one with `relevo backup " + app + "`");
      context.out().flush();
      return ExitCodes.OK;
    }
    Table table = new Table("ID", "REVISION", "TAKEN", "SIZE", "TABLES", "SHA256", "WHY", "FILE");
    for (BackupView b : backups) {
      table.row(
          b.id(),
          b.revision(),
          Formats.time(b.takenAt()),
          Backups.size(b.sizeBytes()),
          b.tables(),
          b.sha256().substring(0, 12),
          b.trigger(),
          b.file());
    }
    table.print(context.out());
    return ExitCodes.OK;
  }
}
