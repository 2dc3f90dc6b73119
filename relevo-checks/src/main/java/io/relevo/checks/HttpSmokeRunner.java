package io.relevo.checks;

import io.relevo.core.config.SmokeCheck;
import io.relevo.core.health.SmokeResult;
import io.relevo.core.health.SmokeRunner;
import io.relevo.core.runtime.Endpoint;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends one smoke request to a revision directly and checks, in this order, the status, that the
 * body contains {@code bodyContains}, that its JSON holds {@code expectJson}, and that it answered
 * within {@code maxLatency}. Every broken expectation is named in the detail, joined by {@code ";
 * "}.
 */
final class HttpSmokeRunner implements SmokeRunner {

  private final HttpClient client;
  private final Duration timeout;

  HttpSmokeRunner(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  @Override
  public SmokeResult run(Endpoint endpoint, SmokeCheck check) {
    String what = check.method() + " " + check.path();
    long start = System.nanoTime();
    Duration limit = limit(check);
    HttpResponse<String> response;
    try {
      response = Http.send(client, request(endpoint, check, limit), limit);
    } catch (IOException e) {
      String reason = Http.describe(e, limit);
      if (reason.startsWith("timed out") && check.maxLatency() != null) {
        reason =
            "took more than "
                + Http.human(limit)
                + " (expected: <= "
                + Http.human(check.maxLatency())
                + ")";
      }
      return fail(check, what + ": " + reason, Http.since(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(check, what + ": interrupted", Http.since(start));
    } catch (IllegalArgumentException e) {
      // A restricted header (Host, Connection, Content-Length …) or a path that is no URI.
      return fail(check, what + ": cannot send: " + e.getMessage(), Http.since(start));
    } catch (RuntimeException e) {
      return fail(check, what + ": cannot send: " + e, Http.since(start));
    }
    Duration took = Http.since(start);
    List<String> broken = new ArrayList<>();
    if (response.statusCode() != check.expectStatus()) {
      broken.add("status " + response.statusCode() + " (expected: " + check.expectStatus() + ")");
    }
    if (check.bodyContains() != null
        && (response.body() == null || !response.body().contains(check.bodyContains()))) {
      broken.add("body does not contain \"" + check.bodyContains() + "\"");
    }
    broken.addAll(JsonFields.broken(response.body(), check.expectJson()));
    if (check.maxLatency() != null && took.compareTo(check.maxLatency()) > 0) {
      broken.add(
          "took " + took.toMillis() + "ms (expected: <= " + Http.human(check.maxLatency()) + ")");
    }
    if (broken.isEmpty()) {
      return new SmokeResult(
          check.name(),
          true,
          what + ": status " + response.statusCode() + " in " + took.toMillis() + "ms",
          took);
    }
    return fail(check, what + ": " + String.join("; ", broken), took);
  }

  /**
   * Past twice its {@code maxLatency} a check has failed; waiting longer only slows the rollout.
   */
  private Duration limit(SmokeCheck check) {
    if (check.maxLatency() == null) {
      return timeout;
    }
    Duration twice = check.maxLatency().multipliedBy(2);
    return twice.compareTo(timeout) < 0 ? twice : timeout;
  }

  private static HttpRequest request(Endpoint endpoint, SmokeCheck check, Duration limit) {
    HttpRequest.BodyPublisher body =
        check.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(check.body());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(Http.uri(endpoint, check.path()))
            .timeout(limit)
            .method(check.method(), body);
    for (Map.Entry<String, String> header : check.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    return builder.build();
  }

  private static SmokeResult fail(SmokeCheck check, String detail, Duration took) {
    return new SmokeResult(check.name(), false, detail, took);
  }
}
