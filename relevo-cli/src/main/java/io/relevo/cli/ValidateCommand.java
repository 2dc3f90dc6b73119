package io.relevo.cli;

import io.relevo.core.config.ConfigException;
import io.relevo.core.config.ConfigProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code relevo validate}: checks a config here, without an agent. */
@Command(
    name = "validate",
    description = "Check a relevo.yml without deploying it; no agent needed.")
final class ValidateCommand implements Callable<Integer> {

  private final CliContext context;
  @Mixin ConfigFileOption config;
  @Mixin OutputOption output;
  @Mixin HelpOption help;

  ValidateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<ConfigProblem> problems;
    try {
      config.parse(config.text(), context);
      problems = List.of();
    } catch (ConfigException e) {
      if (!output.json()) {
        throw e; // ExitCodes prints each problem
      }
      problems = e.problems();
    }
    if (output.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("file", config.file.toString());
      result.put("ok", problems.isEmpty());
      result.put("problems", problems);
      OutputOption.printJson(context, result);
      return problems.isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
    context.out().println(config.file + ": ok");
    context.out().flush();
    return ExitCodes.OK;
  }
}
