package io.relevo.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.ProbeConfig;
import io.relevo.core.config.ProbeConfig.DegradedPolicy;
import io.relevo.core.config.ProbeConfig.ProbeType;
import io.relevo.core.health.HealthProbe;
import io.relevo.core.health.HealthResult;
import io.relevo.core.runtime.Endpoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpProbeTest {

  private static TestServer server;
  private final HealthProbe probe = Checks.healthProbe();

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthy", "ok", "up", "UP"})
  void healthyJsonStatusPasses(String status) {
    HealthResult result = check("/json/" + status);

    assertThat(result.passed()).isTrue();
    assertThat(result.detail()).isEqualTo("HTTP 200, status=" + status);
  }

  @ParameterizedTest
  @ValueSource(strings = {"unhealthy", "down", "DOWN"})
  void unhealthyJsonStatusFailsDespiteHttp200(String status) {
    HealthResult result = check("/json/" + status);

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).isEqualTo("HTTP 200, status=" + status);
  }

  @Test
  void degradedPassesUnderThePassPolicy() {
    HealthResult result =
        probe.check(server.endpoint(), http("/json/degraded", DegradedPolicy.PASS));

    assertThat(result.passed()).isTrue();
    assertThat(result.detail()).isEqualTo("HTTP 200, status=degraded (policy: pass)");
  }

  @Test
  void degradedFailsUnderTheFailPolicy() {
    HealthResult result =
        probe.check(server.endpoint(), http("/json/degraded", DegradedPolicy.FAIL));

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).isEqualTo("HTTP 200, status=degraded (policy: fail)");
  }

  @Test
  void unknownJsonStatusLeavesTheDecisionToHttp() {
    assertThat(check("/json/starting").passed()).isTrue();
  }

  @Test
  void bodyThatIsNotJsonIsJudgedByStatusAlone() {
    HealthResult result = check("/text");

    assertThat(result.passed()).isTrue();
    assertThat(result.detail()).isEqualTo("HTTP 200");
  }

  @Test
  void wrongStatusFailsAndSaysWhatWasExpected() {
    HealthResult result = check("/code/503");

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).isEqualTo("HTTP 503 (expected: 200)");
  }

  @Test
  void configuredExpectStatusPasses() {
    ProbeConfig config = new ProbeConfig(null, "/code/202", 202, null, null, null, null, 0, null);

    assertThat(probe.check(server.endpoint(), config).passed()).isTrue();
  }

  @Test
  void refusedConnectionFails() throws IOException {
    HealthResult result = probe.check(closedPort(), http("/", null));

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).isEqualTo("connection refused");
  }

  @Test
  void slowResponseFailsAtTheTimeout() {
    ProbeConfig config =
        new ProbeConfig(null, "/slow/3000", 0, null, null, null, Duration.ofMillis(300), 0, null);

    HealthResult result = probe.check(server.endpoint(), config);

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).isEqualTo("timed out after 300ms");
    assertThat(result.took()).isBetween(Duration.ofMillis(250), Duration.ofMillis(2000));
  }

  @Test
  void defaultTimeoutIsWordedInSeconds() {
    HealthResult result = check("/slow/2500");

    assertThat(result.detail()).isEqualTo("timed out after 1s");
  }

  private HealthResult check(String path) {
    return probe.check(server.endpoint(), http(path, null));
  }

  private static ProbeConfig http(String path, DegradedPolicy degraded) {
    return new ProbeConfig(ProbeType.HTTP, path, 0, degraded, null, null, null, 0, null);
  }

  static Endpoint closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return new Endpoint("127.0.0.1", socket.getLocalPort());
    }
  }
}
