package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import org.junit.jupiter.api.Test;

/** What a client that leaves, or many that arrive at once, cost the proxy's connections. */
class ClientAbortTest {

  @Test
  void theFrontDoorAcceptsABurstOfAThousandClientsInOneTurnOfItsLoop() {
    try (Proxy proxy = Proxy.start(new ProxyOptions(1))) {
      proxy.open("shop", new HostPort("127.0.0.1", 0), ProxyConfig.defaults());
      assertThat(proxy.door("shop").acceptsPerTurnConfigured())
          .isEqualTo(AppFrontDoor.ACCEPTS_PER_TURN)
          .isGreaterThanOrEqualTo(1000);
    }
  }
}
