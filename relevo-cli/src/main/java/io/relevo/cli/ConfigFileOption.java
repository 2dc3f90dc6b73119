package io.relevo.cli;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code -f relevo.yml}: the config file a command reads, checked here before the agent sees it.
 */
final class ConfigFileOption {

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      defaultValue = "relevo.yml",
      description = "the app's config (default: ${DEFAULT-VALUE})")
  Path file = Path.of("relevo.yml");

  @Option(
      names = "--env",
      paramLabel = "NAME",
      description =
          "pick this environment of the config's environments: section (its app is APP-NAME"
              + " unless it names its own)")
  String environment = "";

  /**
   * The file's text, with {@code --env}'s pick appended (the text the agent stores with the
   * revision); BAD_INPUT when it cannot be read.
   */
  String text() {
    String text = raw();
    return environment.isEmpty() ? text : ConfigLoader.withEnvironment(text, environment);
  }

  private String raw() {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT,
          file + ": no such file (expected: the app's relevo.yml; name it with -f)");
    } catch (IOException e) {
      throw new RelevoException(
          RelevoException.Kind.BAD_INPUT, file + ": cannot be read: " + e.getMessage());
    }
  }

  /** Parses and validates {@code text} as the agent will, throwing every problem at once. */
  AppConfig parse(String text, CliContext context) {
    return ConfigLoader.parse(file.toString(), text, context.env());
  }
}
