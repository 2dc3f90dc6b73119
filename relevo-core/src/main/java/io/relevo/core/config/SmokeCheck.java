package io.relevo.core.config;

import java.time.Duration;
import java.util.Map;

/**
 * One request sent to a new revision directly, at 0% traffic, before any switch ({@code smoke}), or
 * to the app's front door after promotion ({@code verify}).
 *
 * @param name shown in progress and history; default {@code METHOD path}
 * @param method default GET
 * @param path required
 * @param headers extra request headers
 * @param body request body, or null
 * @param expectStatus default 200
 * @param bodyContains a string the response body must contain, or null
 * @param maxLatency the slowest acceptable response, or null for no limit
 * @param expectJson top-level fields the JSON response body must hold, with their text values (like
 *     {@code status: ok}); none by default
 */
public record SmokeCheck(
    String name,
    String method,
    String path,
    Map<String, String> headers,
    String body,
    int expectStatus,
    String bodyContains,
    Duration maxLatency,
    Map<String, String> expectJson) {

  public SmokeCheck {
    expectJson = expectJson == null ? Map.of() : Map.copyOf(expectJson);
    method = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    expectStatus = expectStatus == 0 ? 200 : expectStatus;
    name = name == null ? method + " " + path : name;
  }

  /** A check that looks at no JSON field. */
  public SmokeCheck(
      String name,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      int expectStatus,
      String bodyContains,
      Duration maxLatency) {
    this(name, method, path, headers, body, expectStatus, bodyContains, maxLatency, null);
  }
}
