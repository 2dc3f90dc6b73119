package io.relevo.core.config;

import java.time.Duration;
import java.util.List;

/**
 * One health check, with Docker HEALTHCHECK's timing: a check runs every {@code interval}, fails
 * after {@code timeout}; the revision counts as unhealthy after {@code retries} consecutive
 * failures; failures during {@code startPeriod} are not counted.
 *
 * @param type http (default), tcp or command
 * @param path for http: the path, default {@code /}
 * @param expectStatus for http: the status that passes, default 200
 * @param degraded for http with a JSON {@code status} field: whether {@code degraded} passes or
 *     fails
 * @param command for command checks: the command line; exit 0 passes
 * @param interval default 2 s
 * @param timeout default 1 s
 * @param retries consecutive failures that make a revision unhealthy, default 3
 * @param startPeriod failures in this window after start are not counted, default 10 s (Docker's is
 *     0, but most services take seconds to listen)
 */
public record ProbeConfig(
    ProbeType type,
    String path,
    int expectStatus,
    DegradedPolicy degraded,
    List<String> command,
    Duration interval,
    Duration timeout,
    int retries,
    Duration startPeriod) {

  public ProbeConfig {
    type = type == null ? ProbeType.HTTP : type;
    path = path == null ? "/" : path;
    expectStatus = expectStatus == 0 ? 200 : expectStatus;
    degraded = degraded == null ? DegradedPolicy.PASS : degraded;
    command = command == null ? List.of() : List.copyOf(command);
    interval = interval == null ? Duration.ofSeconds(2) : interval;
    timeout = timeout == null ? Duration.ofSeconds(1) : timeout;
    retries = retries == 0 ? 3 : retries;
    startPeriod = startPeriod == null ? Duration.ofSeconds(10) : startPeriod;
  }

  public static ProbeConfig defaults() {
    return new ProbeConfig(null, null, 0, null, null, null, null, 0, null);
  }

  /** How a check reaches the revision. */
  public enum ProbeType {
    HTTP,
    TCP,
    COMMAND
  }

  /** What a JSON {@code "status": "degraded"} counts as. */
  public enum DegradedPolicy {
    PASS,
    FAIL
  }
}
