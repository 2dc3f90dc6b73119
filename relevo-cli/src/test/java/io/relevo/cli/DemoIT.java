package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relevo demo} from the real jar: the README's first command. */
class DemoIT {

  @Test
  void demoShipsRefusesRollsBackAndCatchesABadCanary(@TempDir Path dir) throws Exception {
    RelevoProcess.Result demo = RelevoProcess.run(Map.of(), dir, "demo");

    System.out.println(demo.out());
    assertThat(demo.exitCode()).as(demo.toString()).isZero();
    assertThat(demo.out())
        .containsPattern(
            "deploy v2 \\(blue-green, under load\\)\\s+promoted\\s+\\S+\\s+\\d+\\s+0\\n")
        .containsPattern(
            "deploy v3-notready \\(never ready, --force\\)\\s+failed\\s+\\S+\\s+\\d+\\s+0\\n")
        .containsPattern("rollback to v1 \\(one command\\)\\s+restored\\s+\\S+\\s+\\d+\\s+0\\n")
        .containsPattern("canary v4-err20 at 10% \\(auto rollback\\)\\s+rolled_back\\s")
        .contains("before the analysis rolled it back")
        .contains("demo passed");
    assertThat(demo.out().lines().filter(line -> line.startsWith("steady traffic")))
        .hasSize(4)
        .allSatisfy(line -> assertThat(line).endsWith(" 0"));
  }
}
