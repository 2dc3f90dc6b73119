package io.relevo.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a revision started by the process runtime finds in its environment. */
class RevisionEnvironmentTest {

  @Test
  void theAgentsMallocTuningIsNotPassedOnButTheRestOfItsEnvironmentIs() {
    Map<String, String> env = agent();

    ProcessRuntime.revisionEnvironment(env, Map.of("PORT", "8123"), "");

    assertThat(env)
        .doesNotContainKey("MALLOC_ARENA_MAX")
        .containsEntry("PATH", "/usr/bin:/bin")
        .containsEntry("DB_PASSWORD", "s3cret")
        .containsEntry("PORT", "8123");
  }

  @Test
  void anAppThatSetsTheVariableInItsOwnEnvGetsIt() {
    Map<String, String> env = agent();

    ProcessRuntime.revisionEnvironment(env, Map.of("MALLOC_ARENA_MAX", "4"), "");

    assertThat(env).containsEntry("MALLOC_ARENA_MAX", "4");
  }

  @Test
  void onlyThisAgentsMarkerIsCarried() {
    Map<String, String> env = agent();
    env.put(ProcessStrays.MARKER, "/var/lib/another-agent");

    ProcessRuntime.revisionEnvironment(env, Map.of(), "/var/lib/relevo");
    assertThat(env).containsEntry(ProcessStrays.MARKER, "/var/lib/relevo");

    ProcessRuntime.revisionEnvironment(env, Map.of(), "");
    assertThat(env).doesNotContainKey(ProcessStrays.MARKER);
  }

  private static Map<String, String> agent() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/bin:/bin");
    env.put("DB_PASSWORD", "s3cret");
    env.put("MALLOC_ARENA_MAX", "1");
    return env;
  }
}
