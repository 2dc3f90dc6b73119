package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.ConfigLoader;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import io.relevo.core.testing.ManualClock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An agent restarted without a variable the config needs keeps users reachable and says what it
 * could not reload, against in-memory ports.
 */
class RecoveryTest {

  private static final Map<String, String> WITH_SECRET =
      Map.of("DB_PASSWORD", "s3cret", "PORT", "8087");

  private static final String YAML =
      """
      app: mis
      runtime:
        command: [run, "{version}"]
        env: {DB_PASSWORD: "${DB_PASSWORD}", REGION: "${REGION:-eu}"}
      listen: 127.0.0.1:8086
      """;

  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeRouter router = new FakeRouter();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeChecks checks = new FakeChecks(runtime);

  private RolloutEngine engine(Map<String, String> env, FakeRouter router) {
    return new RolloutEngine(
        new EngineParts(
            runtime,
            router,
            store,
            null,
            checks,
            checks,
            clock,
            clock,
            Path.of("/tmp/relevo-test"),
            env));
  }

  private static void deploy(RolloutEngine engine, String yaml, String version) {
    engine.deploy(
        new DeployRequest(
            ConfigLoader.parse("relevo.yml", yaml, WITH_SECRET),
            Path.of("/srv/mis"),
            version,
            "ana",
            ""),
        RolloutListener.none());
  }

  @Test
  void aRevisionWhoseConfigLacksAVariableAtRestartIsReadoptedAndRoutedWithOneAlertNamingIt() {
    deploy(engine(WITH_SECRET, router), YAML, "v1");
    FakeRouter fresh = new FakeRouter();
    RolloutEngine restarted = engine(Map.of(), fresh);

    restarted.recover();

    assertThat(runtime.started).containsExactly("v1");
    assertThat(fresh.servingRevision("mis")).isEqualTo(1);
    AppStatus status = restarted.status("mis");
    assertThat(status.listen()).isEqualTo("127.0.0.1:8086");
    assertThat(status.alerts())
        .singleElement()
        .asString()
        .startsWith(
            "the agent's environment does not set ${DB_PASSWORD}, which the config of revision 1"
                + " (v1) needs: its running revisions were re-adopted and its front door reopened")
        .endsWith("restart the agent with it set, or deploy again")
        .doesNotContain("\n");
  }

  @Test
  void theAlertEndsWhenADeployReplacesTheConfigThatWasReadWithoutTheVariable() {
    deploy(engine(WITH_SECRET, router), YAML, "v1");
    RolloutEngine restarted = engine(Map.of(), new FakeRouter());
    restarted.recover();

    deploy(restarted, YAML, "v2");

    assertThat(restarted.status("mis").alerts()).isEmpty();
    assertThat(restarted.status("mis").stable().version()).isEqualTo("v2");
  }

  @Test
  void aStableThatStoppedMeanwhileIsNotRestartedWithEmptyValuesForTheMissingVariable() {
    deploy(engine(WITH_SECRET, router), YAML, "v1");
    runtime.running("v1").orElseThrow().exit(137);
    RolloutEngine restarted = engine(Map.of(), new FakeRouter());

    restarted.recover();

    assertThat(runtime.started).containsExactly("v1");
    assertThat(restarted.history("mis", 5))
        .extracting(r -> r.outcome())
        .doesNotContain(Outcome.RUNNING);
    assertThat(restarted.status("mis").alerts())
        .singleElement()
        .asString()
        .startsWith(
            "revision 1 (v1) was not running and was not restarted: the agent's environment does"
                + " not set ${DB_PASSWORD}, which its config needs");
  }

  @Test
  void anAppWhoseConfigDoesNotLoadEvenWithoutTheVariableIsStillListedWithWhy() {
    deploy(engine(WITH_SECRET, router), YAML.replace("8086", "${PORT}"), "v1");
    RolloutEngine restarted = engine(Map.of(), new FakeRouter());

    restarted.recover();

    assertThat(restarted.statuses()).extracting(AppStatus::app).containsExactly("mis");
    AppStatus status = restarted.status("mis");
    assertThat(status.listen()).isNull();
    assertThat(status.stable().version()).isEqualTo("v1");
    assertThat(status.running()).extracting(r -> r.version()).containsExactly("v1");
    assertThat(status.alerts())
        .singleElement()
        .asString()
        .startsWith(
            "not recovered when the agent started: the config of revision 1 (v1) no longer loads:"
                + " /srv/mis/relevo.yml:")
        .contains("${PORT} is not set")
        .contains("${DB_PASSWORD} is not set")
        .endsWith(
            "revisions that still run have no front door: start the agent with what the"
                + " config needs, or deploy again")
        .doesNotContain("\n");
  }

  @Test
  void theVariablesAConfigNeedsAreThoseWithoutADefaultOrAnEscape() {
    assertThat(
            Recovery.unsetVariables(
                "a: ${A}\nb: ${B:-x}\nc: $${C}\nd: ${D}\ne: ${A}", Map.of("D", "")))
        .containsExactly("A");
  }
}
