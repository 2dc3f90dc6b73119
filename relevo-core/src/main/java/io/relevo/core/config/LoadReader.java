package io.relevo.core.config;

import io.relevo.core.analysis.LoadSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code analysis.NAME.load}: {@code {rate: 20/s, path: /healthz, method: GET, headers:
 * {...}}}. A rate is requests per second ({@code 20/s} or a bare {@code 20}) or per minute ({@code
 * 1200/m}), above 0 and at most {@link LoadSpec#MAX_RATE} per second.
 */
final class LoadReader {

  private static final List<String> KEYS = List.of("rate", "path", "method", "headers");
  private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*([sm]))?");
  private static final String RATE_EXPECTED = "a rate like 20/s";

  /** Headers the HTTP client sets itself and refuses from callers. */
  private static final Set<String> RESERVED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private LoadReader() {}

  /**
   * The load; null when not set or when its rate or path cannot be read. Every problem is reported
   * (and fails the file), so a load with a bad method or header is never used either.
   */
  static LoadSpec read(Value value) {
    if (!value.isSet()) {
      return null;
    }
    if (!(value.node() instanceof YamlNode.Mapping)) {
      value.problem(
          value.node().describe() + " (expected: a map, like {rate: 20/s, path: /healthz})");
      return null;
    }
    MapReader load = MapReader.open(value, KEYS, List.of());
    Double rate = rate(load.get("rate").required(RATE_EXPECTED));
    String path =
        load.get("path")
            .required("the path to request, like /api/v1/healthz")
            .text("a path starting with /, like /healthz", HealthReader::isPath);
    String method = load.get("method").oneOf(SmokeReader.METHODS);
    Value headersValue = load.get("headers");
    Map<String, String> headers =
        headersValue.stringMap(
            "header names", name -> SmokeReader.HEADER_NAME.matcher(name).matches());
    reportReserved(headersValue);
    if (rate == null || path == null) {
      return null;
    }
    return new LoadSpec(rate, method == null ? "GET" : method, path, headers);
  }

  private static Double rate(Value value) {
    String text = value.text(RATE_EXPECTED);
    if (text == null) {
      return null;
    }
    Matcher matcher = RATE.matcher(text.trim());
    if (!matcher.matches()) {
      value.problem(value.show(text) + " (expected: " + RATE_EXPECTED + ")");
      return null;
    }
    double perSecond =
        Double.parseDouble(matcher.group(1)) / ("m".equals(matcher.group(2)) ? 60 : 1);
    if (perSecond <= 0) {
      value.problem(value.show(text) + " (expected: a rate above 0, like 20/s)");
      return null;
    }
    if (perSecond > LoadSpec.MAX_RATE) {
      value.problem(value.show(text) + " (expected: at most " + (int) LoadSpec.MAX_RATE + "/s)");
      return null;
    }
    return perSecond;
  }

  /** Reports the headers relevo's client sets itself. */
  private static void reportReserved(Value headers) {
    if (!(headers.node() instanceof YamlNode.Mapping mapping)) {
      return;
    }
    for (YamlNode.Entry entry : mapping.entries()) {
      if (RESERVED.contains(entry.key().toLowerCase(Locale.ROOT))) {
        headers
            .context()
            .problem(
                entry.line(),
                ConfigPaths.key(headers.path(), entry.key()),
                "set by relevo itself (expected: a header other than Connection, Content-Length,"
                    + " Expect, Host and Upgrade)");
      }
    }
  }
}
