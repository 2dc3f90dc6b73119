package io.relevo.example.alojamientos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** healthz, version and metrics: what relevo's probes, smoke tests and analysis read. */
class OperationsApiTest {
  private App app;
  private TestClient client;

  @BeforeEach
  void start() throws Exception {
    app = Main.start(Behaviour.healthy("v1.4.2"), 0);
    client = new TestClient(app.port());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void healthzAnswersTheRunbooksShape() {
    HttpResponse<String> response = client.get("/api/v1/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    Map<?, ?> body = (Map<?, ?>) Json.parse(response.body());
    assertThat(body.get("status")).isEqualTo("healthy");
    assertThat(body.get("version")).isEqualTo("v1.4.2");
    Map<?, ?> database = (Map<?, ?>) ((Map<?, ?>) body.get("checks")).get("database");
    assertThat(database.get("status")).isEqualTo("healthy");
    assertThat(database.get("latency_ms")).isInstanceOf(Number.class);
  }

  @Test
  void versionIsAnsweredAndEchoedInAHeaderOnEveryResponse() {
    HttpResponse<String> version = client.get("/api/v1/version");

    assertThat(Json.parse(version.body())).isEqualTo(Map.of("version", "v1.4.2"));
    for (String path : new String[] {"/api/v1/version", "/api/v1/healthz", "/metrics", "/nope"}) {
      assertThat(client.get(path).headers().firstValue(Frontdoor.VERSION_HEADER))
          .as(path)
          .hasValue("v1.4.2");
    }
  }

  @Test
  void metricsCountRequestsByMethodPathAndStatusWithALatencyHistogram() {
    client.get("/api/v1/accommodations");
    client.get("/api/v1/accommodations");
    client.get("/api/v1/nope");

    HttpResponse<String> metrics = client.get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValue(MetricsHandler.CONTENT_TYPE);
    assertThat(metrics.body())
        .contains("# TYPE http_requests_total counter")
        .contains(
            "http_requests_total{method=\"GET\",path=\"/api/v1/accommodations\",status=\"200\"} 2\n")
        .contains("http_requests_total{method=\"GET\",path=\"other\",status=\"404\"} 1\n")
        .contains("# TYPE http_request_duration_seconds histogram")
        .contains(
            "http_request_duration_seconds_bucket{method=\"GET\",path=\"/api/v1/accommodations\",le=\"+Inf\"} 2\n")
        .contains(
            "http_request_duration_seconds_count{method=\"GET\",path=\"/api/v1/accommodations\"} 2\n")
        .contains("app_info{version=\"v1.4.2\"} 1\n");
  }
}
