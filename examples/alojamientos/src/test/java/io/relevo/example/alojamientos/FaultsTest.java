package io.relevo.example.alojamientos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The staged faults a bad release shows, seen over real HTTP. */
class FaultsTest {

  @Test
  void anErr20VersionFailsAboutOneRequestInFiveButNotHealthz() throws Exception {
    try (App app = Main.start(Behaviour.ofVersion("v5-err20"), 0, new Random(7)::nextDouble)) {
      TestClient client = new TestClient(app.port());
      int failures = 0;
      for (int i = 0; i < 500; i++) {
        HttpResponse<String> response = client.get("/api/v1/accommodations");
        if (response.statusCode() == 500) {
          failures++;
          assertThat(response.headers().firstValue(Frontdoor.VERSION_HEADER)).hasValue("v5-err20");
        } else {
          assertThat(response.statusCode()).isEqualTo(200);
        }
      }
      assertThat(failures / 500.0).isBetween(0.15, 0.25);
      for (int i = 0; i < 20; i++) {
        assertThat(client.get("/api/v1/healthz").statusCode()).isEqualTo(200);
      }
      assertThat(client.get("/metrics").body())
          .contains(
              "http_requests_total{method=\"GET\",path=\"/api/v1/accommodations\",status=\"500\"} "
                  + failures
                  + "\n");
    }
  }

  @Test
  void aNotreadyVersionServesButItsHealthzIsAlways503Unhealthy() throws Exception {
    try (App app = Main.start(Behaviour.ofVersion("v6-notready"), 0)) {
      TestClient client = new TestClient(app.port());

      HttpResponse<String> health = client.get("/api/v1/healthz");

      assertThat(health.statusCode()).isEqualTo(503);
      Map<?, ?> body = (Map<?, ?>) Json.parse(health.body());
      assertThat(body.get("status")).isEqualTo("unhealthy");
      assertThat(((Map<?, ?>) ((Map<?, ?>) body.get("checks")).get("database")).get("status"))
          .isEqualTo("unhealthy");
      assertThat(client.get("/api/v1/accommodations").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aDegradedVersionAnswers200Degraded() throws Exception {
    try (App app = Main.start(Behaviour.ofVersion("v7-degraded"), 0)) {
      HttpResponse<String> health = new TestClient(app.port()).get("/api/v1/healthz");

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(((Map<?, ?>) Json.parse(health.body())).get("status")).isEqualTo("degraded");
    }
  }

  @Test
  void latencyFromTheEnvironmentDelaysApiRequestsButNotHealthz() throws Exception {
    Behaviour slow = Behaviour.fromEnv(Map.of("APP_VERSION", "v8", "ALOJ_LATENCY_MS", "300"));
    try (App app = Main.start(slow, 0)) {
      TestClient client = new TestClient(app.port());
      client.get("/api/v1/healthz"); // warm up the connection and the JIT

      long t0 = System.nanoTime();
      assertThat(client.get("/api/v1/accommodations").statusCode()).isEqualTo(200);
      long apiMs = (System.nanoTime() - t0) / 1_000_000;
      t0 = System.nanoTime();
      client.get("/api/v1/healthz");
      long healthMs = (System.nanoTime() - t0) / 1_000_000;

      assertThat(apiMs).isGreaterThanOrEqualTo(300);
      assertThat(healthMs).isLessThan(300);
    }
  }

  @Test
  void aCrashVersionRefusesToStart() {
    assertThatThrownBy(() -> Main.start(Behaviour.ofVersion("v9-crash"), 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("v9-crash is set to fail at start");
  }
}
