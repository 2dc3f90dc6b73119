package io.relevo.cli;

import io.relevo.server.v1.DrillView;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relevo backup verify APP [--backup ID]}: a restore drill. */
@Command(
    name = "verify",
    description = {
      "Restore a backup into a scratch database, count its rows per table, run"
          + " migrations.backup.check, then drop the scratch database.",
      "The live database is not touched."
    })
final class BackupVerifyCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP")
  String app;

  @Option(names = "--backup", paramLabel = "ID", description = "the backup (default: the newest)")
  Long backup;

  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  BackupVerifyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    DrillView drill = connection.client(context).verifyBackup(app, backup);
    if (output.json()) {
      OutputOption.printJson(context, drill);
      return ExitCodes.OK;
    }
    context
        .out()
        .println(
            app
                + ": backup "
                + drill.backupId()
                + " restores: "
                + drill.rowCounts().size()
                + " tables in "
                + Formats.duration(drill.took())
                + (drill.check().isEmpty() ? "" : ", check query: " + drill.check()));
    Table table = new Table("TABLE", "ROWS");
    for (Map.Entry<String, Long> entry : drill.rowCounts().entrySet()) {
      table.row(entry.getKey(), entry.getValue());
    }
    table.print(context.out());
    return ExitCodes.OK;
  }
}
