package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** agent.json, written by the agent's mapper, read back by the streaming reader. */
class AgentFileJsonTest {

  @TempDir Path dir;

  @Test
  void whatTheAgentWritesReadsBackTheSame() throws Exception {
    StateDir state = new StateDir(dir);
    AgentFile written = AgentFile.ofThisProcess("http://127.0.0.1:7070");
    state.writeAgentFile(written);

    assertThat(AgentFileJson.read(state.agentFile())).isEqualTo(written);
    assertThat(state.readAgentFile()).contains(written);
  }

  @Test
  void theLockFilesTextIsWhatTheMapperWrites() throws Exception {
    for (AgentFile agent :
        List.of(
            AgentFile.ofThisProcess(null),
            AgentFile.ofThisProcess("http://127.0.0.1:7070"),
            new AgentFile("u\"\\", 7, null),
            new AgentFile("u", 1, Instant.parse("2026-11-24T10:15:30Z")))) {
      String text = AgentFileJson.write(agent);

      assertThat(text).isEqualTo(Json.mapper().writeValueAsString(agent));
      assertThat(AgentFileJson.read(text, "lock")).isEqualTo(agent);
    }
  }

  @Test
  void unknownFieldsAndNullsAreTakenAsTheMapperTakesThem() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("agent.json"),
            "{\"url\":\"http://127.0.0.1:7070\",\"pid\":42,\"started\":null,"
                + "\"newer\":{\"a\":[1,2]}}");

    assertThat(AgentFileJson.read(file))
        .isEqualTo(Json.mapper().readValue(file.toFile(), AgentFile.class))
        .isEqualTo(new AgentFile("http://127.0.0.1:7070", 42, null));
    assertThat(
            AgentFileJson.read(
                Files.writeString(
                    dir.resolve("b.json"),
                    "{\"url\":\"u\",\"pid\":1,\"started\":\"2026-11-24T10:15:30.120Z\"}")))
        .isEqualTo(new AgentFile("u", 1, Instant.parse("2026-11-24T10:15:30.120Z")));
  }

  @Test
  void aHalfWrittenFileIsNotReadAndTheStateDirSaysThereIsNone() throws Exception {
    Path file = Files.writeString(dir.resolve("agent.json"), "{\"url\":\"http://127.0.0.1:70");

    assertThatThrownBy(() -> AgentFileJson.read(file)).isInstanceOf(IOException.class);
    assertThat(new StateDir(dir).readAgentFile()).isEmpty();
    Files.writeString(file, "{\"url\":\"u\",\"pid\":1,\"started\":\"yesterday\"}");
    assertThatThrownBy(() -> AgentFileJson.read(file)).isInstanceOf(IOException.class);
  }
}
