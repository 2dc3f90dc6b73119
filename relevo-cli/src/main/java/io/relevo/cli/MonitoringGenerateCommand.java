package io.relevo.cli;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.observe.monitoring.MonitoringFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relevo monitoring generate APP --out DIR}: the app's alert rules (thresholds from its
 * config) and its two dashboards, written as files; no agent needed.
 */
@Command(
    name = "generate",
    description = {
      "Write APP-alerts.yml (Prometheus rules, thresholds from the config's default analysis)",
      "and APP-deployments.json, APP-traffic.json (Grafana dashboards) into DIR."
    })
final class MonitoringGenerateCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "APP", description = "the app, as named in the config")
  String app;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "where to write")
  Path out;

  @Option(
      names = "--job",
      paramLabel = "NAME",
      defaultValue = "relevo",
      description = "the Prometheus job that scrapes the agent (default: ${DEFAULT-VALUE})")
  String job = "relevo";

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "every rule's for: instead of the runbooks' (1m, 3m, 5m), e.g. 0s for tests")
  Duration forOverride;

  @Option(
      names = "--evaluation-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "the rule group's interval: (default: Prometheus' global one)")
  Duration evaluationInterval;

  @Mixin ConfigFileOption config;
  @Mixin HelpOption help;

  MonitoringGenerateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    AppConfig parsed = config.parse(config.text(), context);
    if (!parsed.app().equals(app)) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "APP: \""
              + app
              + "\" (expected: \""
              + parsed.app()
              + "\", the app "
              + config.file
              + " describes; name its config with -f)");
    }
    List<Path> written;
    try {
      written = MonitoringFiles.write(parsed, job, out, forOverride, evaluationInterval);
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT, "--out: " + out + ": cannot write: " + e.getMessage());
    }
    for (Path file : written) {
      context.out().println("wrote " + file);
    }
    context.out().flush();
    return ExitCodes.OK;
  }
}
