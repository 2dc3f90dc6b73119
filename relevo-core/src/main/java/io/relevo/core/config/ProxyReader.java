package io.relevo.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the {@code proxy} section: timeouts, routing overrides and the front door's limits. */
final class ProxyReader {

  static final List<String> KEYS =
      List.of(
          "drain_timeout",
          "upstream_timeout",
          "connect_timeout",
          "overrides",
          "revision_header",
          "max_request_line",
          "max_header_size",
          "max_headers",
          "header_timeout",
          "idle_timeout");

  /** RFC 9110's token: the characters a header name may have. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

  private static final String HEADER_EXPECTED = "a header name like X-Relevo-Revision";
  private static final int MIN_TOKEN = 16;
  private static final int MAX_LIMIT = 1024 * 1024;

  private ProxyReader() {}

  static ProxyConfig read(Value value) {
    MapReader proxy = MapReader.open(value, KEYS, List.of());
    FrontDoorLimits limits =
        new FrontDoorLimits(
            size(proxy.get("max_request_line")),
            size(proxy.get("max_header_size")),
            orZero(proxy.get("max_headers").integer(1, 10_000)),
            proxy.get("header_timeout").duration(false),
            proxy.get("idle_timeout").duration(false));
    return new ProxyConfig(
        proxy.get("drain_timeout").duration(false),
        proxy.get("upstream_timeout").duration(false),
        proxy.get("connect_timeout").duration(false),
        overrides(proxy.get("overrides")),
        proxy.get("revision_header").text(HEADER_EXPECTED, ProxyReader::headerName),
        limits);
  }

  private static RevisionOverrides overrides(Value value) {
    MapReader overrides =
        MapReader.open(value, List.of("header", "token_header", "token", "allow"), List.of());
    String header = overrides.get("header").text(HEADER_EXPECTED, ProxyReader::headerName);
    String tokenHeader =
        overrides
            .get("token_header")
            .text("a header name like X-Relevo-Token", ProxyReader::headerName);
    Value tokenValue = overrides.get("token");
    String token = tokenValue.text("a secret of at least " + MIN_TOKEN + " characters");
    if (token != null && token.length() < MIN_TOKEN) {
      // The value is a secret: say how long it is, never what it is.
      tokenValue.problem(
          "a token of "
              + token.length()
              + " characters (expected: at least "
              + MIN_TOKEN
              + ", like the output of openssl rand -hex 16)");
      token = null;
    }
    List<String> allow = networks(overrides.get("allow"));
    if (value.isSet() && tokenValue.node() == null && !overrides.get("allow").isSet()) {
      value.problem(
          "neither token nor allow is set (expected: token: \"${RELEVO_PREVIEW_TOKEN}\" and/or"
              + " allow: [10.0.0.0/8]; leave overrides out to keep them off)");
    }
    return new RevisionOverrides(header, tokenHeader, token, allow);
  }

  private static List<String> networks(Value value) {
    List<String> networks = new ArrayList<>();
    for (Value item : value.items("a list of networks like [10.0.0.0/8, 192.168.1.7]")) {
      String text = item.text("a network like 10.0.0.0/8");
      if (text == null) {
        item.required("a network like 10.0.0.0/8");
        continue;
      }
      try {
        Cidr.parse(text);
        networks.add(text.strip());
      } catch (IllegalArgumentException e) {
        item.problem(e.getMessage());
      }
    }
    return networks;
  }

  private static int size(Value value) {
    String text = value.text("a size like 8k or 16k");
    if (text == null) {
      return 0;
    }
    long bytes;
    try {
      bytes = ByteSizes.parse(text);
    } catch (IllegalArgumentException e) {
      value.problem(e.getMessage());
      return 0;
    }
    if (bytes < 256 || bytes > MAX_LIMIT) {
      value.problem(value.show(text) + " (expected: a size from 256 to 1m, like 8k or 16k)");
      return 0;
    }
    return (int) bytes;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static boolean headerName(String text) {
    return HEADER_NAME.matcher(text).matches();
  }
}
