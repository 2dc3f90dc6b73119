package io.relevo.cli;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.SecretRule;
import io.relevo.core.gates.SecretGenerator;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code relevo secrets generate --for APP}: a strong value for every secret in {@code
 * gates.secrets}, each passing its own rule, as {@code NAME=value} lines on stdout or in a new file
 * readable by its owner only (mode 0600). No agent needed.
 */
@Command(
    name = "generate",
    description = {
      "Print strong values for the secrets gates.secrets names, as NAME=value lines.",
      "With --write FILE they go to a new file of mode 0600 instead."
    })
final class SecretsGenerateCommand implements Callable<Integer> {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

  private final CliContext context;

  @Option(names = "--for", required = true, paramLabel = "APP", description = "the app")
  String app;

  @Option(
      names = "--write",
      paramLabel = "FILE",
      description = "write a new file (mode 0600) instead of printing; an existing file is kept")
  Path write;

  @Mixin ConfigFileOption config;
  @Mixin HelpOption help;

  SecretsGenerateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    // The secrets themselves are what is missing: read the config with every ${VAR} set.
    String text = config.text();
    AppConfig parsed =
        ConfigLoader.parse(config.file.toString(), text, everyVariableSet(context.env(), text));
    if (!parsed.app().equals(app)) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "app: \"" + parsed.app() + "\" in " + config.file + " (expected: \"" + app + "\")");
    }
    if (parsed.gates().secrets().isEmpty()) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          config.file
              + ": gates.secrets names no secret (expected: gates: {secrets: {JWT_SECRET:"
              + " {min_length: 32, format: hex}}}; see docs/GATES.md)");
    }
    SecretGenerator generator = new SecretGenerator(new SecureRandom());
    StringBuilder lines = new StringBuilder();
    for (SecretRule rule : parsed.gates().secrets()) {
      lines.append(rule.name()).append('=').append(generator.generate(rule)).append('\n');
    }
    if (write == null) {
      context.out().print(lines);
      context.out().flush();
      return ExitCodes.OK;
    }
    writeOwnerOnly(write, lines.toString());
    context
        .out()
        .println(
            "wrote "
                + parsed.gates().secrets().size()
                + " secrets to "
                + write
                + " (mode 0600); load them into the agent's environment");
    context.out().flush();
    return ExitCodes.OK;
  }

  private static void writeOwnerOnly(Path file, String text) {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          "--write: "
              + file
              + " exists; relevo does not overwrite secrets (expected: a new file; remove the old"
              + " one first if you mean to replace every secret)");
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT, "--write: " + file + ": cannot write: " + e.getMessage());
    }
  }

  /** {@code env}, plus an empty value for every {@code ${VAR}} of {@code text} it lacks. */
  private static Map<String, String> everyVariableSet(Map<String, String> env, String text) {
    Map<String, String> all = new HashMap<>(env);
    Matcher matcher = VARIABLE.matcher(text);
    while (matcher.find()) {
      all.putIfAbsent(matcher.group(1), "");
    }
    return all;
  }
}
