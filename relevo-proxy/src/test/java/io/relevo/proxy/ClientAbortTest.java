package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.TrafficSplit;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a client that leaves, or many that arrive at once, cost the proxy's connections. */
class ClientAbortTest {

  @Test
  void aClientThatLeavesBeforeItsAnswerLeavesTheRevisionConnectionToTheNextRequest()
      throws Exception {
    // One loop: the pool keeps idle connections per loop, and both clients must meet the same one.
    try (Proxy proxy = Proxy.start(new ProxyOptions(1));
        TestBackend backend = TestBackend.start(1)) {
      proxy.route("shop", TrafficSplit.all(1, backend.endpoint()));
      proxy.open("shop", new HostPort("127.0.0.1", 0), ProxyConfig.defaults());
      int port = proxy.boundPort("shop");

      try (Socket leaving = new Socket("127.0.0.1", port)) {
        OutputStream out = leaving.getOutputStream();
        out.write(
            "GET /sleep?ms=300 HTTP/1.1\r\nHost: shop\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.requests() == 1);
      } // the client leaves while the revision is still working on its request

      // The revision's answer is read to its end and its connection goes back to the pool ...
      BackendPool pool = proxy.door("shop").pool();
      await().atMost(Duration.ofSeconds(5)).until(() -> pool.idleCount(backend.endpoint()) == 1);
      // ... where the next client's request finds it.
      try (RawHttpClient client = new RawHttpClient(port)) {
        RawHttpClient.Response response = client.get("/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("revision 1");
      }
      assertThat(backend.requests()).isEqualTo(2);
      assertThat(backend.connections()).isEqualTo(1);
    }
  }

  @Test
  void theFrontDoorAcceptsABurstOfAThousandClientsInOneTurnOfItsLoop() {
    try (Proxy proxy = Proxy.start(new ProxyOptions(1))) {
      proxy.open("shop", new HostPort("127.0.0.1", 0), ProxyConfig.defaults());
      DefaultMaxMessagesRecvByteBufAllocator accepts = proxy.door("shop").acceptsConfigured();
      assertThat(accepts.maxMessagesPerRead())
          .isEqualTo(AppFrontDoor.ACCEPTS_PER_TURN)
          .isGreaterThanOrEqualTo(1000);
      // Else Netty's epoll listener stops after one connection, whatever the limit.
      assertThat(accepts.respectMaybeMoreData()).isFalse();
    }
  }
}
