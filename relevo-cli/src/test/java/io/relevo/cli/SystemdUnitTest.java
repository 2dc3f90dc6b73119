package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped systemd unit passes {@code systemd-analyze verify} without a warning, and keeps the
 * settings docs/OPERATIONS.md promises. Skipped when systemd-analyze is missing, except under
 * {@code RELEVO_REQUIRE_ALL=1}.
 */
class SystemdUnitTest {

  private static final Path UNIT = Path.of("..", "packaging", "systemd", "relevo-agent.service");

  @TempDir Path dir;

  @Test
  void theAgentsUnitVerifiesCleanly() throws Exception {
    requireSystemdAnalyze();
    String unit = Files.readString(UNIT);

    // verify checks that ExecStart's program exists; the unit names /usr/bin/java, which a build
    // machine may lack, so the copy names the JDK running this test instead.
    Path copy = dir.resolve("relevo-agent.service");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(copy, unit.replace("ExecStart=/usr/bin/java ", "ExecStart=" + java + " "));

    assertThat(verify(copy)).isEmpty();
  }

  @Test
  void aMistakeInTheUnitWouldBeCaught() throws Exception {
    requireSystemdAnalyze();
    Path broken = dir.resolve("relevo-agent.service");
    Files.writeString(broken, Files.readString(UNIT).replace("Restart=always", "Restrat=always"));

    assertThat(verify(broken)).contains("Unknown key 'Restrat'");
  }

  @Test
  void theUnitRestartsTheAgentAsItsOwnUserWithItsStateDir() throws IOException {
    String unit = Files.readString(UNIT);

    assertThat(unit)
        .contains(
            "\nRestart=always\n",
            "\nUser=relevo\n",
            "\nStateDirectory=relevo\n",
            "\nStateDirectoryMode=0700\n",
            "--state-dir /var/lib/relevo",
            "\nKillMode=process\n",
            "\nNoNewPrivileges=yes\n");
  }

  /** What systemd-analyze verify prints about the unit: nothing when it is clean. */
  private static String verify(Path unit) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("systemd-analyze", "verify", unit.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue() == 0
        ? output.strip()
        : "exit " + process.exitValue() + ": " + output;
  }

  private static void requireSystemdAnalyze() {
    boolean present;
    try {
      present = new ProcessBuilder("systemd-analyze", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      present = false;
    }
    if (present) {
      return;
    }
    String why = "systemd-analyze is not installed (apt-get install systemd)";
    if ("1".equals(System.getenv("RELEVO_REQUIRE_ALL"))) {
      fail("RELEVO_REQUIRE_ALL=1 and the systemd unit cannot be verified: " + why);
    }
    Assumptions.abort("systemd unit not verified: " + why);
  }
}
