package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI does when it cannot, or must not, reach an agent. */
class AgentlessCommandsTest {

  @TempDir Path dir;

  @Test
  void withNoAgentRunningAReadCommandExitsThreeSayingHowToStartOne() {
    CliRun run = CliRun.of(Map.of(), "status", "--state-dir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(run.err().strip())
        .isEqualTo(
            "relevo: no agent at http://127.0.0.1:7070 (state dir "
                + dir
                + "): start one with `relevo agent`");
  }

  @Test
  void theStateDirComesFromTheEnvironmentWhenNotGiven() {
    CliRun run = CliRun.of(Map.of("RELEVO_STATE_DIR", dir.toString()), "history", "shop");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(run.err()).contains("state dir " + dir);
  }

  @Test
  void anAgentUrlWhereNothingListensExitsThree() {
    CliRun run = CliRun.of(Map.of("RELEVO_TOKEN", "t"), "status", "--agent", "http://127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(run.err()).startsWith("relevo: no agent at http://127.0.0.1:1");
  }

  @Test
  void aDeployOfAnInvalidConfigIsRefusedHereBeforeAnyAgentIsAsked() throws Exception {
    Path file = Files.writeString(dir.resolve("relevo.yml"), ValidateCommandTest.THREE_PROBLEMS);

    CliRun run =
        CliRun.of(
            Map.of(),
            "deploy",
            "shop",
            "--version",
            "1.0.0",
            "-f",
            file.toString(),
            "--state-dir",
            dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains(":5: health.readines").doesNotContain("no agent");
  }

  @Test
  void aDeployWhoseConfigNamesAnotherAppIsBadInput() throws Exception {
    Path file = Files.writeString(dir.resolve("relevo.yml"), ValidateCommandTest.GOOD);

    CliRun run =
        CliRun.of(
            Map.of(),
            "deploy",
            "cart",
            "--version",
            "1.0.0",
            "-f",
            file.toString(),
            "--state-dir",
            dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("\"shop\"").contains("\"cart\"");
  }

  @Test
  void aMissingRequiredOptionIsAUsageErrorExitingTwo() {
    CliRun run = CliRun.of(Map.of(), "deploy", "shop");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("--version").contains("relevo deploy --help");
  }

  @Test
  void anUnknownCommandIsAUsageErrorExitingTwo() {
    CliRun run = CliRun.of(Map.of(), "deplyo", "shop");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).startsWith("relevo: ");
  }

  @Test
  void anUnknownOutputFormatIsAUsageErrorExitingTwo() {
    CliRun run = CliRun.of(Map.of(), "status", "--output", "yaml");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("yaml");
  }

  @Test
  void helpListsEveryCommandAndExitsZero() {
    CliRun run = CliRun.of(Map.of(), "--help");

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out())
        .contains("deploy", "rollback", "status", "history", "logs", "validate", "stop", "agent");
  }
}
