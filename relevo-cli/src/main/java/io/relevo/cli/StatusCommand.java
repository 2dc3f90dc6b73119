package io.relevo.cli;

import io.relevo.core.RelevoException;
import io.relevo.server.AgentClient;
import io.relevo.server.Json;
import io.relevo.server.v1.AppView;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relevo status [APP]}: every app in one table, or one app with its split, its rollout's
 * progress and its revisions; with {@code --watch}, that app again each time it changes, read from
 * the agent's event stream ({@link LiveStatus}), or every interval from an agent without one.
 */
@Command(
    name = "status",
    description = {
      "Show every app, or one app with its traffic split, its rollout's progress and its revisions.",
      "With --watch, show the app again each time it changes, live from the agent's event stream,"
          + " until Ctrl-C (or --for); with --output json, one AppView per line per change."
    })
final class StatusCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", arity = "0..1", paramLabel = "APP")
  String app;

  @Option(
      names = {"-w", "--watch"},
      description = "show the app again each time it changes (and its traffic each second)")
  boolean watch;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "time between updates from an agent without an event stream (default: 1s)")
  Duration interval;

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "stop watching after this long (default: until Ctrl-C)")
  Duration limit;

  @Mixin AgentConnection connection;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  StatusCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    AgentClient client = connection.client(context);
    if (watch) {
      return watch(client);
    }
    if (app == null && output.json()) {
      OutputOption.printJson(context, client.apps());
    } else if (app == null) {
      List<AppRow> apps = rows(client);
      if (apps.isEmpty()) {
        context.out().println("no apps yet: ship one with `relevo deploy APP --version V`");
      } else {
        printRows(apps, context.out());
      }
    } else {
      AppView status = client.app(app);
      if (output.json()) {
        OutputOption.printJson(context, status);
      } else {
        AppStatusView.print(status, context.out());
      }
    }
    context.out().flush();
    return ExitCodes.OK;
  }

  private int watch(AgentClient client) {
    if (app == null) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "--watch: no APP (expected: the app to watch, like `relevo status shop --watch`)");
    }
    StatusWatch watcher;
    try {
      watcher = new StatusWatch(interval, limit, context.terminal() && !output.json());
    } catch (IllegalArgumentException e) {
      throw new RelevoException(RelevoException.Kind.BAD_INPUT, e.getMessage());
    }
    PrintWriter out = context.out();
    if (new LiveStatus(client, app, limit, context.terminal(), output.json(), out).run()) {
      return ExitCodes.OK;
    }
    // an agent without an event stream: ask again every interval
    if (output.json()) {
      watcher.run(
          () -> {
            out.println(compactJson(client.app(app)));
            out.flush();
          });
    } else {
      watcher.text("relevo status " + app, out, o -> AppStatusView.print(client.app(app), o));
    }
    return ExitCodes.OK;
  }

  private static String compactJson(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The table's rows, read from the answer without Jackson's data binding ({@link AppRows}). */
  private static List<AppRow> rows(AgentClient client) {
    byte[] body = client.appsBody();
    try {
      return AppRows.read(body);
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "the agent at " + client.url() + " sent an answer relevo cannot read: " + e.getMessage());
    }
  }

  static void printAll(List<AppView> apps, PrintWriter out) {
    printRows(apps.stream().map(AppRow::of).toList(), out);
  }

  static void printRows(List<AppRow> apps, PrintWriter out) {
    Table table = new Table("APP", "ENV", "LISTEN", "STABLE", "TRAFFIC", "ROLLOUT");
    for (AppRow s : apps) {
      table.row(s.app(), s.env(), s.listen(), s.stable(), s.traffic(), s.rollout());
    }
    table.print(out);
    for (AppRow s : apps) {
      s.alerts().forEach(alert -> out.println("ALERT " + s.app() + ": " + alert));
    }
  }
}
