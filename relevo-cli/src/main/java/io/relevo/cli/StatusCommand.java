package io.relevo.cli;

import io.relevo.core.engine.AppStatus;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code relevo status [APP]}: every app in one table, or one app with its revisions. */
@Command(name = "status", description = "Show every app, or one app with its running revisions.")
final class StatusCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", arity = "0..1", paramLabel = "APP") String app;

  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  StatusCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    var client = connection.client(context);
    if (app == null) {
      List<AppStatus> apps = client.apps();
      if (output.json()) {
        OutputOption.printJson(context, apps);
      } else if (apps.isEmpty()) {
        context.out().println("no apps yet: ship one with `relevo deploy APP --version V`");
      } else {
        printAll(apps, context.out());
      }
    } else {
      AppStatus status = client.app(app);
      if (output.json()) {
        OutputOption.printJson(context, status);
      } else {
        printOne(status, context.out());
      }
    }
    context.out().flush();
    return ExitCodes.OK;
  }

  static void printAll(List<AppStatus> apps, PrintWriter out) {
    Table table = new Table("APP", "ENV", "LISTEN", "STABLE", "TRAFFIC", "ROLLOUT");
    for (AppStatus s : apps) {
      table.row(s.app(), s.env(), s.listen(), Formats.revision(s.stable()), Formats.split(s.split()),
          rollout(s.activeRollout()));
    }
    table.print(out);
  }

  static void printOne(AppStatus s, PrintWriter out) {
    out.println("app:      " + s.app() + " (" + s.env() + ")");
    out.println("listen:   " + s.listen());
    out.println("stable:   " + Formats.revision(s.stable()));
    out.println("traffic:  " + Formats.split(s.split()));
    out.println("rollout:  " + rollout(s.activeRollout()));
    out.println();
    List<Revision> running = s.running() == null ? List.of() : s.running();
    if (running.isEmpty()) {
      out.println("no revision runs");
      return;
    }
    Table table = new Table("REVISION", "VERSION", "STATE", "ENDPOINT", "STARTED", "KEPT UNTIL");
    for (Revision r : running) {
      table.row(r.number(), r.version(), Formats.lower(r.state()),
          r.instance() == null ? null : r.instance().host() + ":" + r.instance().port(),
          Formats.time(r.createdAt()), r.keepUntil() == null ? null : Formats.time(r.keepUntil()));
    }
    table.print(out);
  }

  private static String rollout(RolloutRecord active) {
    return active == null ? "none"
        : active.id() + " " + Formats.lower(active.kind()) + " to " + active.toRevision()
            + " since " + Formats.time(active.startedAt());
  }
}
