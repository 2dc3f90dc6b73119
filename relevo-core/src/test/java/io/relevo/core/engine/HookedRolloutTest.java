package io.relevo.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutRecord;
import io.relevo.core.store.RolloutRecord.Outcome;
import io.relevo.core.testing.FakeChecks;
import io.relevo.core.testing.FakeRouter;
import io.relevo.core.testing.FakeRuntime;
import io.relevo.core.testing.InMemoryStore;
import io.relevo.core.testing.ManualClock;
import io.relevo.core.testing.RecordingHooks;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hooks at their points of deploys and rollbacks, with what they are told and what they change. */
class HookedRolloutTest {

  private final ManualClock clock = new ManualClock();
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeRouter router = new FakeRouter();
  private final InMemoryStore store = new InMemoryStore();
  private final FakeChecks checks = new FakeChecks(runtime);
  private final RecordingHooks hooks = new RecordingHooks();
  private final RolloutEngine engine =
      new RolloutEngine(
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
                  Map.of("PATH", "/usr/bin"))
              .withHooks(hooks));

  private static final String YAML =
      """
      app: shop
      runtime:
        command: [run, "{version}"]
        env: {DB_URL: "postgres://db/shop", BUILD: "{version}"}
      rollback:
        watch_after_promotion: 0s
      hooks:
        pre_deploy: [./pre.sh, check]
        post_deploy: ./post.sh
        on_failure: {command: [./failed.sh], timeout: 10s}
        pre_rollback: [./pre-rollback.sh]
        post_rollback: [./post-rollback.sh]
      """;

  private static AppConfig config() {
    return ConfigLoader.parse("relevo.yml", YAML, Map.of());
  }

  private RolloutRecord deploy(String version) {
    return engine.deploy(
        new DeployRequest(config(), Path.of("/srv/shop"), version, "ana", ""),
        RolloutListener.none());
  }

  private static java.util.List<String> hookEvents(RolloutRecord rollout) {
    return rollout.events().stream()
        .filter(e -> e.step().equals("hook"))
        .map(e -> e.status() + " " + e.message())
        .toList();
  }

  @Test
  void preAndPostDeployRunWithTheRevisionsEnvironmentAndRelevosVariables() {
    RolloutRecord rollout = deploy("v1");

    assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(hooks.programs()).containsExactly("./pre.sh", "./post.sh");
    var post = hooks.runs.get(1);
    assertThat(post.env())
        .containsEntry("RELEVO_APP", "shop")
        .containsEntry("RELEVO_VERSION", "v1")
        .containsEntry("RELEVO_REVISION", "1")
        .containsEntry("RELEVO_ROLLOUT", String.valueOf(rollout.id()))
        .containsEntry("RELEVO_OUTCOME", "promoted")
        .containsEntry("DB_URL", "postgres://db/shop")
        .containsEntry("BUILD", "v1")
        .containsEntry("PATH", "/usr/bin");
    assertThat(hooks.runs.get(0).env()).containsEntry("RELEVO_OUTCOME", "");
    assertThat(post.workdir()).isEqualTo(Path.of("/srv/shop"));
    assertThat(hookEvents(rollout))
        .containsExactly(
            "OK pre_deploy ./pre.sh check: passed after 5ms",
            "OK post_deploy ./post.sh: passed after 5ms");
  }

  @Test
  void aFailingPreDeployRefusesWithItsOutputTailAndStartsNothing() {
    deploy("v1");
    hooks.answer("./pre.sh", 2, "checking migrations\nmigration 42 is pending");

    RolloutRecord refused = deploy("v2");

    assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(refused.outcomeReason())
        .isEqualTo(
            "pre_deploy hook exited 2 after 5ms; output:\nchecking migrations\nmigration 42 is"
                + " pending\ntraffic stays on revision 1 (v1)");
    assertThat(runtime.running("v2")).isEmpty();
    assertThat(router.servingRevision("shop")).isEqualTo(1);
    assertThat(hooks.programs()).endsWith("./pre.sh", "./failed.sh");
    assertThat(hooks.runs.getLast().env()).containsEntry("RELEVO_OUTCOME", "failed");
  }

  @Test
  void aFailingPostDeployIsRecordedButCannotUndoTheSwitch() {
    hooks.answer("./post.sh", 1, "slack is down");

    RolloutRecord rollout = deploy("v1");

    assertThat(rollout.outcome()).isEqualTo(Outcome.PROMOTED);
    assertThat(hookEvents(rollout))
        .contains("WARNING post_deploy ./post.sh: exited 1 after 5ms; output:\nslack is down");
  }

  @Test
  void rollbackHooksRunAndAFailingPreRollbackDoesNotHoldTheRollbackBack() {
    deploy("v1");
    deploy("v2");
    hooks.answer("./pre-rollback.sh", 1, "");

    RolloutRecord rollback =
        engine.rollback(new RollbackRequest("shop", 1, "ana", "slow"), RolloutListener.none());

    assertThat(rollback.outcome()).isEqualTo(Outcome.RESTORED);
    assertThat(hooks.programs()).endsWith("./pre-rollback.sh", "./post-rollback.sh");
    assertThat(hooks.runs.getLast().env())
        .containsEntry("RELEVO_OUTCOME", "restored")
        .containsEntry("RELEVO_REVISION", "1");
    assertThat(rollback.events())
        .filteredOn(e -> e.step().equals("hook"))
        .extracting(RolloutEvent::status)
        .containsExactly(RolloutEvent.Status.WARNING, RolloutEvent.Status.OK);
  }
}
