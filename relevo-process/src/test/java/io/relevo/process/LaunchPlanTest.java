package io.relevo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.runtime.RevisionSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchPlanTest {

  private static final Path BASE = Path.of("/srv/demo");

  @Test
  void relevoVariablesWinOverTheConfigsEnv() {
    LaunchPlan plan =
        LaunchPlan.of(spec(List.of("app"), null, Map.of("PORT", "1", "RELEVO_VERSION", "x")), 8123);

    assertThat(plan.env())
        .containsEntry("PORT", "8123")
        .containsEntry("RELEVO_VERSION", "v2")
        .containsEntry("RELEVO_APP", "demo")
        .containsEntry("RELEVO_REVISION", "3");
  }

  @Test
  void workdirDefaultsToTheBaseDir() {
    assertThat(LaunchPlan.of(spec(List.of("app"), null, null), 1).workdir()).isEqualTo(BASE);
    assertThat(LaunchPlan.of(spec(List.of("app"), "../other", null), 1).workdir())
        .isEqualTo(Path.of("/srv/other"));
  }

  @Test
  void everyVersionPlaceholderIsReplaced() {
    LaunchPlan plan =
        LaunchPlan.of(spec(List.of("run", "{version}/app-{version}.jar"), null, null), 1);

    assertThat(plan.command()).containsExactly("run", "v2/app-v2.jar");
  }

  @Test
  void emptyCommandIsBadInput() {
    assertThatThrownBy(() -> LaunchPlan.of(spec(List.of(), null, null), 1))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
        .hasMessageStartingWith("runtime.command: empty");
  }

  private static RevisionSpec spec(List<String> command, String workdir, Map<String, String> env) {
    RuntimeConfig runtime = new RuntimeConfig(null, command, null, workdir, env, null, null);
    AppConfig config =
        new AppConfig("demo", null, runtime, null, null, null, null, null, null, null);
    return new RevisionSpec("demo", 3, "v2", config, BASE, BASE.resolve("demo.log"));
  }
}
