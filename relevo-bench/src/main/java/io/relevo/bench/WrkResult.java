package io.relevo.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * One wrk run, as bench/wrk-report.lua prints it: a line starting {@code RESULT} with key=value
 * pairs. Latencies in microseconds.
 *
 * @param requests completed requests
 * @param seconds the run's length as wrk measured it
 * @param socketErrors connect, read, write errors and timeouts
 * @param non2xx responses with a status of 400 or more (wrk counts those, not 3xx)
 */
record WrkResult(
    long requests,
    double seconds,
    long socketErrors,
    long non2xx,
    long p50Micros,
    long p99Micros,
    long p999Micros,
    long maxMicros) {

  double rps() {
    return seconds == 0 ? 0 : requests / seconds;
  }

  static WrkResult parse(String output) {
    for (String line : output.split("\n")) {
      if (line.startsWith("RESULT ")) {
        Map<String, String> values = new HashMap<>();
        for (String pair : line.substring(7).trim().split("\\s+")) {
          int eq = pair.indexOf('=');
          values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new WrkResult(
            num(values, "requests"),
            num(values, "duration_us") / 1e6,
            num(values, "connect")
                + num(values, "read")
                + num(values, "write")
                + num(values, "timeout"),
            num(values, "status"),
            num(values, "p50"),
            num(values, "p99"),
            num(values, "p999"),
            num(values, "max"));
      }
    }
    throw new IllegalStateException(
        "wrk output: no RESULT line (expected: one from wrk-report.lua):\n" + output);
  }

  private static long num(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalStateException(
          "wrk RESULT line: no " + key + " (expected: " + values.keySet() + ")");
    }
    return (long) Double.parseDouble(value);
  }
}
