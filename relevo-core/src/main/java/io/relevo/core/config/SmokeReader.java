package io.relevo.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the {@code smoke} and {@code verify} lists. */
final class SmokeReader {

  private static final List<String> KEYS =
      List.of(
          "name",
          "method",
          "path",
          "headers",
          "body",
          "expect_status",
          "body_contains",
          "max_latency",
          "expect_json");

  /** The methods a check (or an analysis' load) may send, by name. */
  static final Map<String, String> METHODS = new LinkedHashMap<>();

  /** RFC 9110 token characters: what a header name may hold. */
  static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  static {
    for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
      METHODS.put(method, method);
    }
  }

  private SmokeReader() {}

  static List<SmokeCheck> read(Value value) {
    List<SmokeCheck> checks = new ArrayList<>();
    for (Value item : value.items("a list of checks, like - {path: /healthz}")) {
      SmokeCheck check = check(item);
      if (check != null) {
        checks.add(check);
      }
    }
    return checks;
  }

  private static SmokeCheck check(Value item) {
    if (item.isSet() && !(item.node() instanceof YamlNode.Mapping)) {
      item.problem(item.node().describe() + " (expected: a map, like {path: /healthz})");
      return null;
    }
    MapReader check = MapReader.open(item, KEYS, List.of());
    String path =
        check
            .get("path")
            .required("the path to request, like /healthz")
            .text("a path starting with /, like /healthz", HealthReader::isPath);
    String name = check.get("name").text("a string");
    String method = check.get("method").oneOf(METHODS);
    Map<String, String> headers =
        check.get("headers").stringMap("header names", s -> HEADER_NAME.matcher(s).matches());
    String body = check.get("body").text("a string");
    Integer status = check.get("expect_status").integer(100, 599);
    String bodyContains = check.get("body_contains").text("a string");
    Duration maxLatency = check.get("max_latency").duration(false);
    Map<String, String> expectJson =
        check.get("expect_json").stringMap("JSON field names", s -> !s.isBlank());
    if (path == null) {
      return null; // reported; the record needs a path
    }
    return new SmokeCheck(
        name,
        method,
        path,
        headers,
        body,
        status == null ? 0 : status,
        bodyContains,
        maxLatency,
        expectJson);
  }
}
