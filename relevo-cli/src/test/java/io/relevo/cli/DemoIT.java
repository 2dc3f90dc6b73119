package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relevo demo} from the real jar: the README's first command. */
class DemoIT {

  @Test
  void demoShipsRefusesAndRollsBackWithoutASingleFailedRequest(@TempDir Path dir) throws Exception {
    RelevoProcess.Result demo = RelevoProcess.run(Map.of(), dir, "demo");

    System.out.println(demo.out());
    assertThat(demo.exitCode()).as(demo.toString()).isZero();
    assertThat(demo.out())
        .contains("deploy v2 (blue-green, under load)           promoted")
        .contains("deploy v3-notready (never ready)             failed")
        .contains("rollback to v1 (one command)                 promoted")
        .containsPattern("total\\s+\\d+\\s+0\\n")
        .contains("demo passed");
  }
}
