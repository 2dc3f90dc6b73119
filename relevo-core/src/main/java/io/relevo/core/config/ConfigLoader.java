package io.relevo.core.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads {@code relevo.yml} into an {@link AppConfig}. The whole file is checked before anything
 * fails, and every problem is reported with its line and path in one {@link ConfigException}:
 * unknown keys (with the closest valid key), wrong types, invalid values, unset {@code ${VAR}}s and
 * sections that this version does not support yet. Keys are snake_case; every key, its default and
 * the error format are in {@code docs/CONFIGURATION.md}.
 *
 * <p>{@code ${VAR}} and {@code ${VAR:-default}} in string values are resolved from the given
 * environment (not from {@link System#getenv()}, so tests and the agent choose). The {@link
 * ConfigSource} kept in {@link AppConfig#source()} holds the original text, before interpolation,
 * so secrets passed through the environment are not stored with every revision.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /**
   * Reads and parses {@code file}; messages name it as given.
   *
   * @throws ConfigException when the file cannot be read or the config is invalid
   */
  public static AppConfig load(Path file, Map<String, String> env) {
    Objects.requireNonNull(file, "file");
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw fileProblem(name, "no such file (expected: a relevo.yml; see docs/CONFIGURATION.md)");
    } catch (CharacterCodingException e) {
      throw fileProblem(name, "not UTF-8 text (expected: a YAML file saved as UTF-8)");
    } catch (IOException e) {
      throw fileProblem(
          name, "cannot be read: " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
    return parse(name, text, env);
  }

  /**
   * Parses {@code text}; {@code fileName} is only used in messages and in {@link
   * AppConfig#source()}.
   *
   * @throws ConfigException listing every problem, in order of line
   */
  public static AppConfig parse(String fileName, String text, Map<String, String> env) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(env, "env");
    ReadContext context = new ReadContext(fileName, env);
    // A byte order mark is invisible in editors; YAML would read it as part of the first key.
    String yaml = text.startsWith("\uFEFF") ? text.substring(1) : text;
    YamlNode root = YamlTreeReader.read(yaml, context);
    List<YamlNode> roots = Environments.resolve(root, context);
    ConfigSource source = new ConfigSource(fileName, text);
    AppConfig config = AppConfigReader.read(roots.get(0), context, source);
    // With no environment picked, every one of them is read too, so validate checks them all.
    roots.stream().skip(1).forEach(other -> AppConfigReader.read(other, context, source));
    if (config == null || context.hasProblems()) {
      throw context.failure();
    }
    return config;
  }

  /**
   * {@code text} picking the environment {@code name} of its {@code environments:} section (what
   * {@code --env} does): the agent stores this text with the revision, so re-reading it gives the
   * same merged config. See docs/GATES.md#environments.
   *
   * @throws ConfigException when {@code name} is not an environment's name
   */
  public static String withEnvironment(String text, String name) {
    return Environments.select(text, name);
  }

  private static ConfigException fileProblem(String name, String message) {
    return new ConfigException(List.of(new ConfigProblem(name, 0, "", message)));
  }
}
