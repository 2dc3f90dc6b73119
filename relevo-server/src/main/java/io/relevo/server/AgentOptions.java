package io.relevo.server;

import io.relevo.core.config.HostPort;
import java.util.Objects;

/**
 * How to run an agent.
 *
 * @param stateDir where history, logs, {@code agent.json} and the token live
 * @param api where the admin API listens: a loopback address; default {@code 127.0.0.1:7070}; port
 *     0 picks a free port
 * @param tls the API's certificate and key; {@link ApiTls#OFF} (the default) serves plain HTTP on
 *     loopback only
 */
public record AgentOptions(StateDir stateDir, HostPort api, ApiTls tls) {

  public static final HostPort DEFAULT_API = new HostPort("127.0.0.1", 7070);

  public AgentOptions {
    Objects.requireNonNull(stateDir, "stateDir");
    api = api == null ? DEFAULT_API : api;
    tls = tls == null ? ApiTls.OFF : tls;
  }

  /** Plain HTTP on a loopback address. */
  public AgentOptions(StateDir stateDir, HostPort api) {
    this(stateDir, api, ApiTls.OFF);
  }
}
