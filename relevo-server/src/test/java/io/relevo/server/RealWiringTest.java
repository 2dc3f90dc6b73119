package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production parts, with the history opening on a thread of its own. */
class RealWiringTest {

  @TempDir Path dir;

  @Test
  void aHistoryFileThatIsNotADatabaseIsRefusedNamingItAndLeftAsItWas() throws Exception {
    StateDir state = new StateDir(dir);
    Files.writeString(state.historyDb(), "not a database\n".repeat(200));

    assertThatThrownBy(() -> new RealWiring(ProxyParts.Mode.IN_PROCESS).wire(state))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.UNAVAILABLE))
        .hasMessageContaining(state.historyDb().toString())
        .hasMessageContaining("not a database");
    assertThat(Files.readString(state.historyDb())).startsWith("not a database");
  }

  @Test
  void theWiredPartsReadTheHistoryAndCloseCleanly() throws Exception {
    StateDir state = new StateDir(dir);

    AgentParts parts = new RealWiring(ProxyParts.Mode.IN_PROCESS).wire(state);
    try {
      parts.engine().recover();
      assertThat(parts.engine().statuses()).isEmpty();
    } finally {
      Agent.closeAll(parts.closeables(), null);
    }

    assertThat(state.historyDb()).isRegularFile();
  }
}
