package io.relevo.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.ProbeConfig;
import io.relevo.core.config.ProbeConfig.ProbeType;
import io.relevo.core.health.HealthResult;
import io.relevo.core.runtime.Endpoint;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class TcpProbeTest {

  private static final ProbeConfig TCP =
      new ProbeConfig(ProbeType.TCP, null, 0, null, null, null, null, 0, null);

  @Test
  void openPortPasses() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Endpoint endpoint = new Endpoint("127.0.0.1", socket.getLocalPort());

      HealthResult result = Checks.healthProbe().check(endpoint, TCP);

      assertThat(result.passed()).isTrue();
      assertThat(result.detail()).isEqualTo("TCP " + endpoint + " open");
    }
  }

  @Test
  void closedPortFails() throws Exception {
    HealthResult result = Checks.healthProbe().check(HttpProbeTest.closedPort(), TCP);

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).isEqualTo("connection refused");
  }
}
