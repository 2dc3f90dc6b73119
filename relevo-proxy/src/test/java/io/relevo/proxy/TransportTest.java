package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.relevo.core.RelevoException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransportTest {

  private ProxyFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Transport.IO_URING, Transport.EPOLL, Transport.NIO})
  void eachTransportForwardsKeepAliveRequestsAndBodies(String name) throws Exception {
    requireLoads(name);
    fixture = new ProxyFixture(Transport.chosen(null, name));
    TestBackend backend = fixture.backend(1);
    fixture.routeAll(1, backend);
    assertThat(fixture.proxy.transport()).isEqualTo(name);

    try (RawHttpClient client = new RawHttpClient(fixture.port())) {
      for (int i = 0; i < 3; i++) {
        assertThat(client.get("/").body()).isEqualTo("revision 1");
      }
      assertThat(client.pipeline("/sleep?ms=50", "/status?code=404", "/"))
          .extracting(RawHttpClient.Response::status)
          .containsExactly(200, 404, 200);
    }
    assertThat(backend.connections()).isEqualTo(1);

    byte[] body = new byte[3 * TestBackend.MIB];
    for (int i = 0; i < body.length; i++) {
      body[i] = TestBackend.patternByte(i);
    }
    CRC32 crc = new CRC32();
    crc.update(body);
    HttpResponse<String> upload =
        fixture.send(fixture.request("/upload").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertThat(upload.body()).isEqualTo(body.length + " " + crc.getValue());
  }

  @Test
  void theEnvironmentVariableNamesTheTransportAndThePropertyWinsOverIt() {
    assertThat(Transport.chosen(null, "nio").name()).isEqualTo("nio");
    assertThat(Transport.chosen(" nio ", "epoll").name()).isEqualTo("nio");
    assertThat(Transport.chosen(null, "nio").reason()).isEqualTo("set by RELEVO_PROXY_TRANSPORT");
    assertThat(Transport.chosen("", " ")).isEqualTo(Transport.best());
  }

  @Test
  void epollIsTheDefaultWhereItLoadsAndIoUringRunsOnlyWhenNamed() {
    requireLoads(Transport.EPOLL);
    assertThat(Transport.best().name()).isEqualTo("epoll");
    assertThat(Transport.best().reason()).isEqualTo("the default");
  }

  @Test
  void anUnknownTransportIsRefusedWithTheNamesThatExist() {
    assertThatThrownBy(() -> Transport.chosen(null, "uring"))
        .isInstanceOf(RelevoException.class)
        .hasMessage(
            "RELEVO_PROXY_TRANSPORT=uring: unknown proxy transport (expected: io_uring, epoll or"
                + " nio, or unset for the default)");
    assertThatThrownBy(() -> Transport.chosen("EPOLL", null))
        .hasMessageStartingWith("relevo.proxy.transport=EPOLL: unknown proxy transport");
  }

  @Test
  void aProxyStartedWithAnUnknownTransportFailsBeforeOpeningAnything() {
    String before = System.getProperty(Transport.PROPERTY);
    System.setProperty(Transport.PROPERTY, "kqueue");
    try {
      assertThatThrownBy(() -> Proxy.start(new ProxyOptions(1)))
          .isInstanceOf(RelevoException.class)
          .hasMessageContaining("relevo.proxy.transport=kqueue: unknown proxy transport");
    } finally {
      if (before == null) {
        System.clearProperty(Transport.PROPERTY);
      } else {
        System.setProperty(Transport.PROPERTY, before);
      }
    }
  }

  @Test
  void aProcessTakingListeningSocketsOverRunsOnEpollWhateverWasChosen() {
    requireLoads(Transport.EPOLL);
    assertThat(Transport.chosen(null, "nio").adopting(List.of(7)).name()).isEqualTo("epoll");
    assertThat(Transport.chosen(null, "nio").adopting(List.of()).name()).isEqualTo("nio");
  }

  /**
   * Skips on a machine where the transport does not load. Under RELEVO_REQUIRE_ALL=1, epoll and NIO
   * must load; io_uring is the kernel's to allow (a container's seccomp profile or
   * kernel.io_uring_disabled may refuse it), not something CI installs, so it is only skipped.
   */
  private static void requireLoads(String name) {
    boolean loads = Transport.available().contains(name);
    String why =
        name
            + " does not load here (io_uring needs Linux 5.14+ with kernel.io_uring_disabled=0 and"
            + " no seccomp filter blocking it; epoll needs Linux)";
    if (!loads
        && !name.equals(Transport.IO_URING)
        && "1".equals(System.getenv("RELEVO_REQUIRE_ALL"))) {
      fail("RELEVO_REQUIRE_ALL=1 and " + why);
    }
    assumeTrue(loads, why);
  }
}
