package io.relevo.bench;

/**
 * One proxy-cost measurement: a backend and a load, the same for every proxy.
 *
 * @param name a short label for the results table
 * @param backendDelayMillis 0 for the fast backend (nginx {@code return 200}); else the delay of
 *     {@link BenchBackend}
 * @param connections wrk's concurrent connections
 */
record Scenario(String name, long backendDelayMillis, int connections) {

  Scenario {
    if (backendDelayMillis < 0) {
      throw new IllegalArgumentException(
          "backendDelayMillis: " + backendDelayMillis + " (expected: >= 0)");
    }
    if (connections < 1) {
      throw new IllegalArgumentException("connections: " + connections + " (expected: >= 1)");
    }
  }

  String backend() {
    return backendDelayMillis == 0
        ? "nginx `return 200` (fast)"
        : "BenchBackend, " + backendDelayMillis + " ms delay (slow)";
  }
}
