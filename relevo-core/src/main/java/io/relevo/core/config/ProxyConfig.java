package io.relevo.core.config;

import java.time.Duration;

/**
 * @param drainTimeout how long in-flight requests to an old revision may run after a switch before
 *     they get 504; default 30 s
 * @param upstreamTimeout how long the proxy waits for a revision's response headers before 504;
 *     default 60 s
 * @param connectTimeout how long the proxy waits to connect to a revision before 502; default 2 s
 */
public record ProxyConfig(
    Duration drainTimeout, Duration upstreamTimeout, Duration connectTimeout) {

  public ProxyConfig {
    drainTimeout = drainTimeout == null ? Duration.ofSeconds(30) : drainTimeout;
    upstreamTimeout = upstreamTimeout == null ? Duration.ofSeconds(60) : upstreamTimeout;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
  }

  public static ProxyConfig defaults() {
    return new ProxyConfig(null, null, null);
  }
}
