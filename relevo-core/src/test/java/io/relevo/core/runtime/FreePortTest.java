package io.relevo.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {

  @Test
  void portsComeFromBelowTheEphemeralRangeAndAreNeverHandedOutTwice() {
    Set<Integer> picked = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      int port = FreePort.pick();
      assertThat(port).isBetween(FreePort.LOW, Math.min(FreePort.HIGH, FreePort.ephemeralLow()));
      assertThat(picked.add(port)).as("port %d handed out twice", port).isTrue();
    }
  }

  @Test
  void aPortSomethingListensOnIsNotHandedOut() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int taken = busy.getLocalPort();
      int next = taken + 1;

      int port = FreePort.pick(taken, next);

      assertThat(port).isNotEqualTo(taken);
    }
  }

  @Test
  void whenTheRangeIsUsedUpTheKernelPicks() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int taken = busy.getLocalPort();

      int port = FreePort.pick(taken, taken);

      assertThat(port).isNotEqualTo(taken).isPositive();
      try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(bound.getLocalPort()).isEqualTo(port);
      }
    }
  }
}
