package io.relevo.proxy.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's kept control connection, against real control sockets. */
class ProxyClientConnectionTest {

  @TempDir Path dir;

  /** A control socket that answers PING with its own pid and notes each connection's thread. */
  private static final class Process implements ControlServer.ControlHandler {
    final ProxyFile self;
    final Set<Thread> connections = ConcurrentHashMap.newKeySet();

    Process(long pid) {
      self = new ProxyFile(pid, Instant.now(), "test");
    }

    @Override
    public ControlReply handle(ControlRequest request) {
      connections.add(Thread.currentThread()); // one virtual thread per connection
      return ControlReply.of(self);
    }
  }

  @Test
  void callsShareOneConnection() throws Exception {
    Path socket = dir.resolve("proxy.sock");
    Process first = new Process(1);
    try (ControlServer server = ControlServer.bind(socket, first);
        ProxyClient client = new ProxyClient(socket, Duration.ofSeconds(5))) {
      for (int i = 0; i < 20; i++) {
        assertThat(client.ping().pid()).isEqualTo(1);
      }
      assertThat(first.connections).hasSize(1);
    }
  }

  @Test
  void aNewProcessThatTakesTheSocketOverAnswersTheNextCall() throws Exception {
    Path socket = dir.resolve("proxy.sock");
    Process old = new Process(1);
    Process successor = new Process(2);
    try (ControlServer oldServer = ControlServer.bind(socket, old);
        ProxyClient client = new ProxyClient(socket, Duration.ofSeconds(5))) {
      assertThat(client.ping().pid()).isEqualTo(1);
      // as a restart, a takeover or a standby does: its own socket renamed over proxy.sock, while
      // the old process still answers on the connections it has
      try (ControlServer newServer = ControlServer.bind(socket, successor)) {
        assertThat(client.ping().pid()).isEqualTo(2);
        assertThat(client.ping().pid()).isEqualTo(2);
        assertThat(successor.connections).hasSize(1);
      }
    }
  }
}
