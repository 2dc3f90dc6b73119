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
  }
}
