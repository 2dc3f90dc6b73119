package io.relevo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentJvmTest {

  @Test
  void takesTheWordsBetweenJavaAndJarFromExecStart() {
    assertThat(
            AgentJvm.options(
                "ExecStart=/usr/bin/java -XX:+UseSerialGC -Xmx128m -jar /opt/relevo/relevo.jar"
                    + " agent --state-dir /var/lib/relevo"))
        .containsExactly("-XX:+UseSerialGC", "-Xmx128m");
  }

  @Test
  void readsTheShippedUnitSoTheBenchmarkRunsTheAgentAsItIsDeployed() {
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertThat(AgentJvm.ofUnit(root)).contains("-XX:+UseSerialGC");
    assertThat(AgentJvm.environmentOfUnit(root))
        .containsEntry("MALLOC_ARENA_MAX", "1")
        .doesNotContainKey("RELEVO_STATE_DIR");
  }

  @Test
  void readsEachAssignmentOfAnEnvironmentLine() {
    assertThat(AgentJvm.environment("Environment=A=1 B=x=y"))
        .containsExactly(java.util.Map.entry("A", "1"), java.util.Map.entry("B", "x=y"));
  }
}
