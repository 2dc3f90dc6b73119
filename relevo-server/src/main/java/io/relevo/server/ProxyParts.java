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
      Starting lookUp(StateDir stateDir) {
        ProxyProcess.Found found = ProxyProcess.lookUp(stateDir);
        return () -> {
          ProxyProcess process = found.adoptOrStart();
          return new ProxyParts(process.client(), process.client(), process);
        };
      }
    },
    /** Inside the agent, for tests: closing the agent closes its front doors. */
    IN_PROCESS {
      @Override
      Starting lookUp(StateDir stateDir) {
        return () -> {
          Proxy proxy = Proxy.start(ProxyOptions.defaults());
          return new ProxyParts(proxy, proxy, proxy);
        };
      }
    };

    /**
     * Finds what runs already, starting nothing: the agent does it while its history opens, and
     * starts the proxy only once the history proved readable.
     */
    abstract Starting lookUp(StateDir stateDir);
  }

  /** The proxy's start, once the history proved readable. */
  interface Starting {
    ProxyParts start();
  }
}
