package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.proxy.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A port held by another socket is bad input that names the port and the way out. */
class PortInUseTest {

  @TempDir Path stateDir;

  @Test
  void anApiPortThatAnotherSocketHoldsIsBadInputNamingThePortAndTheOption() throws Exception {
    try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      HostPort api = new HostPort("127.0.0.1", holder.getLocalPort());

      assertThatThrownBy(
              () ->
                  ApiServer.start(
                      api,
                      "token",
                      TestAgents.engine(stateDir, new AtomicBoolean(true)),
                      TestAgents.parser()))
          .isInstanceOfSatisfying(
              RelevoException.class,
              e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
          .hasMessage(
              "--api: "
                  + api
                  + " is already in use (by another process); pick another --api or stop what"
                  + " holds it");
    }
  }

  @Test
  void anAppsListenPortThatAnotherSocketHoldsIsBadInputNamingTheListenKey() throws Exception {
    try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Proxy proxy = Proxy.start()) {
      HostPort listen = new HostPort("127.0.0.1", holder.getLocalPort());
      ListenPortRouter router = new ListenPortRouter(proxy);

      assertThatThrownBy(() -> router.open("shop", listen, ProxyConfig.defaults()))
          .isInstanceOfSatisfying(
              RelevoException.class,
              e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
          .hasMessage(
              "app shop: "
                  + listen
                  + " is already in use (by another process); pick another `listen` in relevo.yml"
                  + " or stop what holds it");
    }
  }

  @Test
  void otherFailuresToOpenAFrontDoorPassThroughAsTheyAre() {
    RelevoException other = new RelevoException(RelevoException.Kind.UNAVAILABLE, "no loop");
    assertThat(PortInUse.causedBy(other)).isFalse();
    assertThat(
            PortInUse.causedBy(
                new RelevoException(
                    RelevoException.Kind.UNAVAILABLE,
                    "app shop: cannot listen",
                    new java.io.IOException("bind(..) failed: Address already in use"))))
        .isTrue();
  }
}
