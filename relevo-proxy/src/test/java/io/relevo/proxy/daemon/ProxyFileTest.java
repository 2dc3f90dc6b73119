package io.relevo.proxy.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProxyFileTest {

  @Test
  void thisProcessIsAliveAndNoZombie() {
    assertThat(ProxyFile.ofThisProcess().alive()).isTrue();
    assertThat(ProxyFile.zombie(ProcessHandle.current().pid())).isFalse();
  }

  @Test
  void aProcessThatEndedIsNotAlive() throws Exception {
    Process process = new ProcessBuilder("true").start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(new ProxyFile(process.pid(), null, "x").alive()).isFalse();
  }

  @Test
  void aZombieIsNotAlive() throws Exception {
    // sh forks a child that exits at once and execs sleep, which never collects it
    Process parent = new ProcessBuilder("sh", "-c", "true & exec sleep 5").start();
    try {
      long child = 0;
      for (int i = 0; i < 100 && child == 0; i++) {
        child = parent.children().mapToLong(ProcessHandle::pid).findFirst().orElse(0);
        Thread.sleep(50);
      }
      long zombie = child;
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(5))
          .until(() -> zombie == 0 || ProxyFile.zombie(zombie));
      if (zombie != 0) {
        assertThat(ProcessHandle.of(zombie).map(ProcessHandle::isAlive)).contains(true);
        assertThat(new ProxyFile(zombie, null, "x").alive()).isFalse();
      }
    } finally {
      parent.destroyForcibly();
    }
  }
}
