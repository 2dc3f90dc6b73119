package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.config.HostPort;
import io.relevo.server.v1.WhoAmI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent's API address and TLS, checked before anything starts. */
class AgentTlsTest {

  @TempDir Path dir;

  @Test
  void plainHttpBeyondLoopbackIsRefusedBeforeTheStateDirIsTouched() {
    StateDir state = new StateDir(dir.resolve("state"));

    assertThatThrownBy(
            () ->
                Agent.start(
                    new AgentOptions(state, new HostPort("0.0.0.0", 7443)),
                    s -> {
                      throw new AssertionError("wired an agent that cannot serve its API");
                    }))
        .hasMessageStartingWith("--api: 0.0.0.0:7443 is beyond this host");
    assertThat(Files.exists(state.path())).isFalse();
  }

  @Test
  void anAgentOnEveryAddressWritesItsLoopbackHttpsUrlAndTheCliWithTheCaReachesIt()
      throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    StateDir state = new StateDir(dir.resolve("state"));
    AgentOptions options =
        new AgentOptions(state, new HostPort("0.0.0.0", 0), new ApiTls(certs.cert(), certs.key()));

    try (Agent agent = Agent.start(options, TestAgents.wiring(new AtomicBoolean(true)))) {
      assertThat(state.readAgentFile().orElseThrow().url()).startsWith("https://127.0.0.1:");

      AgentClient client =
          AgentClient.locate(state, null, Map.of(), new AgentCredentials(null, certs.caCert()));

      assertThat(client.tokens().whoami()).isEqualTo(new WhoAmI("local", "admin"));
    }
  }
}
