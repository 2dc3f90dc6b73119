package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTest {

  private static final HostPort ANY_PORT = new HostPort("127.0.0.1", 0);

  @TempDir Path dir;
  private final AtomicBoolean healthy = new AtomicBoolean(true);

  @Test
  void aStartedAgentWritesWhereItListensAndAPrivateTokenThatTheClientFinds() throws Exception {
    StateDir state = new StateDir(dir.resolve("state"));
    try (Agent agent = Agent.start(new AgentOptions(state, ANY_PORT), TestAgents.wiring(healthy))) {
      AgentFile file = state.readAgentFile().orElseThrow();
      assertThat(file.url()).isEqualTo(agent.url().toString());
      assertThat(file.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.tokenFile())))
          .isEqualTo("rw-------");
      assertThat(state.readToken().orElseThrow()).hasSizeGreaterThanOrEqualTo(40);

      AgentClient client = AgentClient.locate(state, null, Map.of());
      assertThat(client.url()).isEqualTo(agent.url());
      assertThat(client.apps()).isEmpty();
    }
  }

  @Test
  void aSecondAgentOnALiveAgentsStateDirIsRefusedNamingTheFirst() {
    StateDir state = new StateDir(dir.resolve("state"));
    try (Agent first = Agent.start(new AgentOptions(state, ANY_PORT), TestAgents.wiring(healthy))) {
      assertThatThrownBy(
              () -> Agent.start(new AgentOptions(state, ANY_PORT), TestAgents.wiring(healthy)))
          .isInstanceOfSatisfying(
              RelevoException.class,
              e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.CONFLICT))
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .hasMessageContaining(first.url().toString())
          .hasMessageContaining("--state-dir");
    }
  }

  @Test
  void aStoppedAgentLeavesNoAgentFileAndTheStateDirCanBeUsedAgain() {
    StateDir state = new StateDir(dir.resolve("state"));
    Agent.start(new AgentOptions(state, ANY_PORT), TestAgents.wiring(healthy)).close();

    assertThat(state.agentFile()).doesNotExist();
    Agent.start(new AgentOptions(state, ANY_PORT), TestAgents.wiring(healthy)).close();
  }

  @Test
  void anAgentFileLeftByADeadProcessDoesNotBlockAStart() throws Exception {
    StateDir state = new StateDir(dir.resolve("state"));
    Files.createDirectories(state.path());
    Files.writeString(
        state.agentFile(), "{\"url\":\"http://127.0.0.1:1\",\"pid\":" + Long.MAX_VALUE + "}");

    Agent.start(new AgentOptions(state, ANY_PORT), TestAgents.wiring(healthy)).close();
  }

  @Test
  void anAgentFileWhosePidNowBelongsToAProcessStartedLaterDoesNotBlockAStart() throws Exception {
    ProcessHandle other = ProcessHandle.current().parent().orElseThrow();
    StateDir state = new StateDir(dir.resolve("state"));
    Files.createDirectories(state.path());
    Files.writeString(
        state.agentFile(),
        "{\"url\":\"http://127.0.0.1:1\",\"pid\":"
            + other.pid()
            + ",\"started\":\"2001-01-01T00:00:00Z\"}");

    Agent.start(new AgentOptions(state, ANY_PORT), TestAgents.wiring(healthy)).close();
  }

  @Test
  void aLiveAgentThatHoldsNoLockIsStillRefusedByItsAgentFile() throws Exception {
    ProcessHandle other = ProcessHandle.current().parent().orElseThrow();
    StateDir state = new StateDir(dir.resolve("state"));
    Files.createDirectories(state.path());
    Files.writeString(
        state.agentFile(),
        "{\"url\":\"http://127.0.0.1:1\",\"pid\":"
            + other.pid()
            + ",\"started\":\""
            + other.info().startInstant().orElseThrow()
            + "\"}");

    assertThatThrownBy(
            () -> Agent.start(new AgentOptions(state, ANY_PORT), TestAgents.wiring(healthy)))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.CONFLICT))
        .hasMessageContaining("state dir " + state.display())
        .hasMessageContaining("pid " + other.pid());
    assertThat(state.lockFile()).isEmptyFile();
  }

  @Test
  void anAgentRecordsItsPidAndStartTimeInTheLockFileWhileItRuns() throws Exception {
    StateDir state = new StateDir(dir.resolve("state"));
    try (Agent agent = Agent.start(new AgentOptions(state, ANY_PORT), TestAgents.wiring(healthy))) {
      AgentFile owner = Json.mapper().readValue(state.lockFile().toFile(), AgentFile.class);
      assertThat(owner.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(owner.started()).isEqualTo(ProcessHandle.current().info().startInstant().get());
      assertThat(owner.ownerAlive()).isTrue();
    }
    assertThat(state.lockFile()).isEmptyFile();
  }

  @Test
  void withoutARunningAgentTheClientSaysHowToStartOne() {
    StateDir state = new StateDir(dir.resolve("empty"));

    assertThatThrownBy(() -> AgentClient.locate(state, null, Map.of()))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.UNAVAILABLE))
        .hasMessage(
            "no agent at http://127.0.0.1:7070 (state dir "
                + state.display()
                + "): start one with `relevo agent`");
  }

  @Test
  void anAgentUrlWhereNothingListensIsUnavailable() {
    StateDir state = new StateDir(dir.resolve("empty"));
    AgentClient client =
        AgentClient.locate(
            state, URI.create("http://127.0.0.1:1"), Map.of(AgentClient.TOKEN_ENV, "t"));

    assertThatThrownBy(client::apps)
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.UNAVAILABLE))
        .hasMessageContaining("no agent at http://127.0.0.1:1");
  }

  @Test
  void theStateDirIsTheOptionThenTheEnvironmentThenHome() {
    assertThat(StateDir.resolve(Path.of("/a"), Map.of(StateDir.ENV, "/b")).path())
        .isEqualTo(Path.of("/a"));
    assertThat(StateDir.resolve(null, Map.of(StateDir.ENV, "/b")).path()).isEqualTo(Path.of("/b"));
    assertThat(StateDir.resolve(null, Map.of()).display()).isEqualTo("~/.relevo");
  }
}
