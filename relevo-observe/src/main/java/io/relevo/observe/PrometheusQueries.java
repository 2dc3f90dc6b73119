package io.relevo.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relevo.core.analysis.PromQl;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * {@link PromQl} over Prometheus' HTTP API: {@code POST /api/v1/query} and {@code
 * /api/v1/query_range} with the query form-encoded (so {@code +}, {@code &}, braces and quotes
 * arrive as written), the timeout sent to Prometheus and enforced on the request. A result must be
 * one series or a scalar; no series, or NaN (0/0 without traffic), is no data.
 */
public final class PrometheusQueries implements PromQl {

  /** Made on the first query, not when the agent starts: an HTTP client with TLS is ~100 ms. */
  private static final class Client {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public OptionalDouble instant(URI address, String query, Instant at, Duration timeout) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("query", query);
    form.put("time", seconds(at));
    form.put("timeout", timeout.toMillis() + "ms");
    return PromResult.value(post(address, "/api/v1/query", form, timeout), query);
  }

  @Override
  public OptionalDouble range(
      URI address, String query, Instant at, Duration range, Duration step, Duration timeout) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("query", query);
    form.put("start", seconds(at.minus(range)));
    form.put("end", seconds(at));
    form.put("step", step.toMillis() + "ms");
    form.put("timeout", timeout.toMillis() + "ms");
    return PromResult.value(post(address, "/api/v1/query_range", form, timeout), query);
  }

  private static JsonNode post(URI address, String path, Map<String, String> form, Duration t) {
    String base = address.toString().replaceAll("/+$", "");
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(t)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = Client.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new PromQlException(base + ": no answer within " + t.toMillis() + " ms", e);
    } catch (ConnectException e) {
      throw new PromQlException(base + ": cannot connect (" + e + ")", e);
    } catch (IOException e) {
      throw new PromQlException(base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PromQlException(base + ": interrupted", e);
    }
    JsonNode json;
    try {
      json = Client.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new PromQlException(
          base + path + " answered " + response.statusCode() + " without JSON", e);
    }
    if (response.statusCode() != 200 || !"success".equals(json.path("status").asText())) {
      throw new PromQlException(
          base
              + path
              + " answered "
              + response.statusCode()
              + ": "
              + json.path("errorType").asText("")
              + " "
              + json.path("error").asText(response.body()));
    }
    return json.path("data");
  }

  private static String seconds(Instant at) {
    return String.format("%d.%03d", at.getEpochSecond(), at.getNano() / 1_000_000);
  }
}
