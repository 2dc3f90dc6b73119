package io.relevo.core.config;

import java.time.Duration;

/**
 * The proxy's settings for one app: plain values, so that they cross a process boundary as they
 * are.
 *
 * @param drainTimeout how long in-flight requests to an old revision may run after a switch before
 *     they get 504; default 30 s
 * @param upstreamTimeout how long the proxy waits for a revision's response headers before 504;
 *     default 60 s
 * @param connectTimeout how long the proxy waits to connect to a revision before 502; default 2 s
 * @param overrides who may send a request to a revision of their choice; default nobody
 * @param revisionHeader the response header that names the revision that answered, like {@code
 *     X-Relevo-Revision}; null (the default) sends none
 * @param limits the front door's limits on what a client sends and how slowly
 */
public record ProxyConfig(
    Duration drainTimeout,
    Duration upstreamTimeout,
    Duration connectTimeout,
    RevisionOverrides overrides,
    String revisionHeader,
    FrontDoorLimits limits) {

  public ProxyConfig {
    drainTimeout = drainTimeout == null ? Duration.ofSeconds(30) : drainTimeout;
    upstreamTimeout = upstreamTimeout == null ? Duration.ofSeconds(60) : upstreamTimeout;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
    overrides = overrides == null ? RevisionOverrides.off() : overrides;
    revisionHeader = revisionHeader == null || revisionHeader.isBlank() ? null : revisionHeader;
    limits = limits == null ? FrontDoorLimits.defaults() : limits;
  }

  /** Timeouts only; no overrides, no revision header, default limits. */
  public ProxyConfig(Duration drainTimeout, Duration upstreamTimeout, Duration connectTimeout) {
    this(drainTimeout, upstreamTimeout, connectTimeout, null, null, null);
  }

  public static ProxyConfig defaults() {
    return new ProxyConfig(null, null, null);
  }

  /** This config with {@code overrides} instead. */
  public ProxyConfig withOverrides(RevisionOverrides overrides) {
    return new ProxyConfig(
        drainTimeout, upstreamTimeout, connectTimeout, overrides, revisionHeader, limits);
  }

  /** This config with {@code revisionHeader} instead. */
  public ProxyConfig withRevisionHeader(String revisionHeader) {
    return new ProxyConfig(
        drainTimeout, upstreamTimeout, connectTimeout, overrides, revisionHeader, limits);
  }

  /** This config with {@code limits} instead. */
  public ProxyConfig withLimits(FrontDoorLimits limits) {
    return new ProxyConfig(
        drainTimeout, upstreamTimeout, connectTimeout, overrides, revisionHeader, limits);
  }
}
