package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.relevo.server.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  static final String GOOD =
      """
      app: shop
      runtime:
        command: ["java", "-jar", "app-{version}.jar"]
      """;

  static final String THREE_PROBLEMS =
      """
      app: Shop
      runtime:
        command: java -jar app.jar
      health:
        readines: {path: /}
      """;

  @TempDir Path dir;

  @Test
  void aGoodConfigIsOkAndExitsZero() throws Exception {
    Path file = Files.writeString(dir.resolve("relevo.yml"), GOOD);

    CliRun run = CliRun.of(Map.of(), "validate", "-f", file.toString());

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out().strip()).isEqualTo(file + ": ok");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aConfigWithSeveralProblemsListsEveryOneWithItsLineAndExitsTwo() throws Exception {
    Path file = Files.writeString(dir.resolve("relevo.yml"), THREE_PROBLEMS);

    CliRun run = CliRun.of(Map.of(), "validate", "-f", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err())
        .contains(file + ":1: app: \"Shop\"")
        .contains(file + ":3: runtime.command")
        .contains(file + ":5: health.readines: unknown key")
        .contains("relevo: 3 problems in " + file)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void aMissingFileIsBadInputNamingIt() {
    CliRun run = CliRun.of(Map.of(), "validate", "-f", dir.resolve("nope.yml").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).startsWith("relevo: ").contains("nope.yml");
  }

  @Test
  void jsonOutputCarriesEveryProblem() throws Exception {
    Path file = Files.writeString(dir.resolve("relevo.yml"), THREE_PROBLEMS);

    CliRun run = CliRun.of(Map.of(), "validate", "-f", file.toString(), "--output", "json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    JsonNode json = Json.mapper().readTree(run.out());
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("problems")).hasSize(3);
    assertThat(json.get("problems").get(0).get("line").asInt()).isEqualTo(1);
  }
}
