package io.relevo.example.alojamientos;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How this revision of the demo app behaves: its version label and the faults it stages.
 *
 * <p>Every fault can come from an environment variable or from a marker in the version label, so a
 * bad release can be staged by deploying a version such as {@code v5-slow} with no config change.
 * An environment variable, when set, wins over the marker. Markers are dash-separated segments:
 * {@code -slow} (+500 ms) or {@code -slowN} (+N ms), {@code -err} (20%) or {@code -errN} (N%),
 * {@code -crash}, {@code -notready}, {@code -degraded}.
 *
 * @param version the label reported by {@code /api/v1/version}, {@code /api/v1/healthz} and the
 *     {@code X-App-Version} header; never blank
 * @param host the address to listen on, default {@code 127.0.0.1}
 * @param latencyMs extra delay added to each {@code /api/v1/*} request except healthz, >= 0
 * @param errorRatio share of {@code /api/v1/*} requests except healthz that answer 500, in 0..1
 * @param failStart whether the process exits 1 at once instead of serving
 * @param neverReady whether healthz always answers 503 {@code unhealthy}
 * @param degraded whether healthz answers 200 {@code degraded}
 * @param startupMs delay before the server listens, to simulate a slow start, >= 0
 */
public record Behaviour(
    String version,
    String host,
    long latencyMs,
    double errorRatio,
    boolean failStart,
    boolean neverReady,
    boolean degraded,
    long startupMs) {

  /** The version label used when neither {@code APP_VERSION} nor {@code RELEVO_VERSION} is set. */
  public static final String DEFAULT_VERSION = "dev";

  /** Extra latency of a {@code -slow} version without a number. */
  public static final long SLOW_MARKER_MS = 500;

  /** Error ratio of an {@code -err} version without a number. */
  public static final double ERR_MARKER_RATIO = 0.20;

  private static final Pattern SLOW = Pattern.compile("slow(\\d*)");
  private static final Pattern ERR = Pattern.compile("err(\\d*)");

  public Behaviour {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException(
          "version: '" + version + "' (expected: a non-blank label)");
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(
          "host: '" + host + "' (expected: an address such as 127.0.0.1)");
    }
    if (latencyMs < 0) {
      throw new IllegalArgumentException("latencyMs: " + latencyMs + " (expected: >= 0)");
    }
    if (!(errorRatio >= 0 && errorRatio <= 1)) {
      throw new IllegalArgumentException("errorRatio: " + errorRatio + " (expected: 0..1)");
    }
    if (startupMs < 0) {
      throw new IllegalArgumentException("startupMs: " + startupMs + " (expected: >= 0)");
    }
  }

  /** A well-behaved revision: no faults, listening on 127.0.0.1. */
  public static Behaviour healthy(String version) {
    return new Behaviour(version, "127.0.0.1", 0, 0, false, false, false, 0);
  }

  /** The behaviour a version label alone asks for, through its markers, with no environment. */
  public static Behaviour ofVersion(String version) {
    return fromEnv(Map.of("APP_VERSION", version));
  }

  /**
   * Reads the behaviour from environment variables: {@code APP_VERSION} or else {@code
   * RELEVO_VERSION} (default {@value #DEFAULT_VERSION}), {@code HOST}, {@code ALOJ_LATENCY_MS},
   * {@code ALOJ_ERROR_RATIO}, {@code ALOJ_FAIL_START}, {@code ALOJ_NEVER_READY}, {@code
   * ALOJ_DEGRADED}, {@code ALOJ_STARTUP_MS}.
   *
   * @throws IllegalArgumentException naming the variable, its value and what was expected
   */
  public static Behaviour fromEnv(Map<String, String> env) {
    String version =
        nonBlank(env, "APP_VERSION")
            .or(() -> nonBlank(env, "RELEVO_VERSION"))
            .orElse(DEFAULT_VERSION);
    String[] segments = version.split("-");
    return new Behaviour(
        version,
        nonBlank(env, "HOST").orElse("127.0.0.1"),
        nonBlank(env, "ALOJ_LATENCY_MS")
            .map(v -> parseLong("ALOJ_LATENCY_MS", v))
            .orElseGet(
                () ->
                    marker(segments, SLOW)
                        .map(n -> n.isEmpty() ? SLOW_MARKER_MS : Long.parseLong(n))
                        .orElse(0L)),
        nonBlank(env, "ALOJ_ERROR_RATIO")
            .map(Behaviour::parseRatio)
            .orElseGet(() -> marker(segments, ERR).map(Behaviour::percent).orElse(0.0)),
        flag(env, "ALOJ_FAIL_START") || hasSegment(segments, "crash"),
        flag(env, "ALOJ_NEVER_READY") || hasSegment(segments, "notready"),
        flag(env, "ALOJ_DEGRADED") || hasSegment(segments, "degraded"),
        nonBlank(env, "ALOJ_STARTUP_MS").map(v -> parseLong("ALOJ_STARTUP_MS", v)).orElse(0L));
  }

  /**
   * The startup line, e.g. {@code alojamientos v5 listening on 127.0.0.1:8000 (latency +0ms, error
   * ratio 0.00)}.
   */
  String describe(int port) {
    return String.format(
        java.util.Locale.ROOT,
        "alojamientos %s listening on %s:%d (latency +%dms, error ratio %.2f)%s%s",
        version,
        host,
        port,
        latencyMs,
        errorRatio,
        neverReady ? " [never ready]" : "",
        degraded ? " [degraded]" : "");
  }

  private static Optional<String> marker(String[] segments, Pattern pattern) {
    // Segment 0 is the version itself ("v5" in "v5-slow"), never a marker.
    for (int i = 1; i < segments.length; i++) {
      Matcher m = pattern.matcher(segments[i]);
      if (m.matches()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  private static boolean hasSegment(String[] segments, String name) {
    for (int i = 1; i < segments.length; i++) {
      if (segments[i].equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static double percent(String digits) {
    if (digits.isEmpty()) {
      return ERR_MARKER_RATIO;
    }
    return Math.min(100, Integer.parseInt(digits)) / 100.0;
  }

  private static Optional<String> nonBlank(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static boolean flag(Map<String, String> env, String name) {
    return nonBlank(env, name)
        .map(v -> v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"))
        .orElse(false);
  }

  private static long parseLong(String name, String value) {
    try {
      long n = Long.parseLong(value);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        name + ": '" + value + "' (expected: milliseconds, an integer >= 0)");
  }

  private static double parseRatio(String value) {
    try {
      double r = Double.parseDouble(value);
      if (r >= 0 && r <= 1) {
        return r;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "ALOJ_ERROR_RATIO: '" + value + "' (expected: a number in 0..1, e.g. 0.2)");
  }
}
