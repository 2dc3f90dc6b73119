package io.relevo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderFileTest {

  @TempDir Path dir;

  @Test
  void aFileIsReadAndNamedInTheSourceAsGiven() throws Exception {
    Path file = Files.writeString(dir.resolve("relevo.yml"), Configs.MINIMAL);
    AppConfig config = ConfigLoader.load(file, Map.of());
    assertThat(config.app()).isEqualTo("shop");
    assertThat(config.source()).isEqualTo(new ConfigSource(file.toString(), Configs.MINIMAL));
  }

  @Test
  void problemsNameTheFileAsGiven() throws Exception {
    Path file = Files.writeString(dir.resolve("relevo.yml"), Configs.MINIMAL + "listen: x\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageStartingWith(file + ":4: listen: \"x\"");
  }

  @Test
  void aMissingFileIsAConfigProblemNotAnIoError() {
    Path file = dir.resolve("nope.yml");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": no such file (expected: a relevo.yml; see docs/CONFIGURATION.md)");
  }

  @Test
  void aByteOrderMarkDoesNotBreakTheFirstKey() throws Exception {
    Path file = Files.writeString(dir.resolve("relevo.yml"), "\uFEFF" + Configs.MINIMAL);
    assertThat(ConfigLoader.load(file, Map.of()).app()).isEqualTo("shop");
  }

  @Test
  void aProblemPrintsAsFileLinePathMessage() {
    assertThat(
            new ConfigProblem(
                "relevo.yml",
                12,
                "health.readiness.interval",
                "\"2x\" (expected: a duration like 2s, 500ms, 1m)"))
        .hasToString(
            "relevo.yml:12: health.readiness.interval: \"2x\" (expected: a duration like 2s, 500ms,"
                + " 1m)");
    assertThat(new ConfigProblem("relevo.yml", 0, "", "no such file"))
        .hasToString("relevo.yml: no such file");
  }
}
