package io.relevo.core.config;

import io.relevo.core.analysis.PromQlQuery;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/** Reads a metric's {@code prometheus: {address, query, range, step, timeout}}. */
final class PromQlReader {

  private PromQlReader() {}

  /** An http(s) URL with a host, or null after reporting the problem. */
  private static URI uri(String address, Value at) {
    try {
      URI uri = new URI(address);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    at.problem("\"" + address + "\" (expected: an http(s) URL, like http://127.0.0.1:9090)");
    return null;
  }

  /** The query, or null after reporting its problems. */
  static PromQlQuery read(Value value) {
    MapReader settings =
        MapReader.open(value, List.of("address", "query", "range", "step", "timeout"), List.of());
    Value addressValue =
        settings.get("address").required("Prometheus' URL, like http://127.0.0.1:9090");
    String address = addressValue.text("Prometheus' URL, like http://127.0.0.1:9090");
    Value queryValue = settings.get("query").required("a PromQL expression");
    String query = queryValue.text("a PromQL expression");
    Duration range = settings.get("range").duration(false);
    Duration step = settings.get("step").duration(false);
    Duration timeout = settings.get("timeout").duration(false);
    URI uri = address == null ? null : uri(address.trim(), addressValue);
    if (uri == null || query == null) {
      return null;
    }
    try {
      return new PromQlQuery(uri, query, range, step, timeout);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      Value at =
          message.startsWith("address")
              ? addressValue
              : message.startsWith("step") ? settings.get("step") : queryValue;
      at.problem(message.replaceFirst("^\\w+: ", ""));
      return null;
    }
  }
}
