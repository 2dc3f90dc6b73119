package io.relevo.core.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

/** Test helpers: parse YAML text and read back the problems as the user sees them. */
final class Configs {

  /** The smallest valid config; tests append a section to it, starting at line 4. */
  static final String MINIMAL = "app: shop\nruntime:\n  command: [java, -jar, app.jar]\n";

  private Configs() {}

  static AppConfig parse(String yaml) {
    return ConfigLoader.parse("relevo.yml", yaml, Map.of());
  }

  static AppConfig parse(String yaml, Map<String, String> env) {
    return ConfigLoader.parse("relevo.yml", yaml, env);
  }

  /** The problems of an invalid config, each as {@code file:line: path: message}. */
  static List<String> problems(String yaml) {
    return problems(yaml, Map.of());
  }

  static List<String> problems(String yaml, Map<String, String> env) {
    ConfigException[] caught = new ConfigException[1];
    assertThatThrownBy(() -> ConfigLoader.parse("relevo.yml", yaml, env))
        .isInstanceOfSatisfying(ConfigException.class, e -> caught[0] = e);
    return caught[0].problems().stream().map(ConfigProblem::toString).toList();
  }
}
