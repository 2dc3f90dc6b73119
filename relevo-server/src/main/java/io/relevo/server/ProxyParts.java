package io.relevo.server;

import io.relevo.core.metrics.MetricsSource;
import io.relevo.core.routing.Router;
import io.relevo.proxy.Proxy;
import io.relevo.proxy.ProxyOptions;

/**
 * The proxy as the agent uses it: its router, its metrics, and what closing the agent closes of it.
 */
record ProxyParts(Router router, MetricsSource metrics, AutoCloseable closeable) {

  /** Where the proxy runs. */
  enum Mode {
    /**
     * A process of its own that the agent starts or re-adopts; closing the agent leaves it serving.
     */
    SEPARATE_PROCESS {
      @Override
      ProxyParts start(StateDir stateDir) {
        ProxyProcess process = ProxyProcess.adoptOrStart(stateDir);
        return new ProxyParts(process.client(), process.client(), process);
      }
    },
    /** Inside the agent, for tests: closing the agent closes its front doors. */
    IN_PROCESS {
      @Override
      ProxyParts start(StateDir stateDir) {
        Proxy proxy = Proxy.start(ProxyOptions.defaults());
        return new ProxyParts(proxy, proxy, proxy);
      }
    };

    abstract ProxyParts start(StateDir stateDir);
  }
}
