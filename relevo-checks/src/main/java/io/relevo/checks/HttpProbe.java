package io.relevo.checks;

import io.relevo.core.config.ProbeConfig;
import io.relevo.core.health.HealthProbe;
import io.relevo.core.health.HealthResult;
import io.relevo.core.runtime.Endpoint;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;

/**
 * GETs {@code probe.path()}: passes when the status is {@code probe.expectStatus()}, unless a JSON
 * body's top-level {@code status} says otherwise: {@code unhealthy}/{@code down} fail, {@code
 * degraded} follows {@code probe.degraded()}. The whole response must arrive within {@code
 * probe.timeout()}.
 */
final class HttpProbe implements HealthProbe {

  private final HttpClient client;

  HttpProbe(HttpClient client) {
    this.client = client;
  }

  @Override
  public HealthResult check(Endpoint endpoint, ProbeConfig probe) {
    HttpRequest request =
        HttpRequest.newBuilder(Http.uri(endpoint, probe.path()))
            .timeout(probe.timeout())
            .header("Accept", "application/json, */*;q=0.5")
            .GET()
            .build();
    long start = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = Http.send(client, request, probe.timeout());
    } catch (IOException e) {
      return HealthResult.fail(Http.describe(e, probe.timeout()), Http.since(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthResult.fail("interrupted", Http.since(start));
    }
    return judge(response.statusCode(), HealthStatus.read(response.body()), probe, start);
  }

  private static HealthResult judge(
      int status, Optional<String> field, ProbeConfig probe, long start) {
    String fieldText = field.map(f -> ", status=" + f).orElse("");
    if (status != probe.expectStatus()) {
      return HealthResult.fail(
          "HTTP " + status + " (expected: " + probe.expectStatus() + ")" + fieldText,
          Http.since(start));
    }
    HealthStatus verdict = field.map(HealthStatus::of).orElse(HealthStatus.OTHER);
    String detail = "HTTP " + status + fieldText;
    return switch (verdict) {
      case PASS, OTHER -> HealthResult.pass(detail, Http.since(start));
      case FAIL -> HealthResult.fail(detail, Http.since(start));
      case DEGRADED -> {
        String withPolicy =
            detail + " (policy: " + probe.degraded().name().toLowerCase(Locale.ROOT) + ")";
        yield probe.degraded() == ProbeConfig.DegradedPolicy.PASS
            ? HealthResult.pass(withPolicy, Http.since(start))
            : HealthResult.fail(withPolicy, Http.since(start));
      }
    };
  }
}
