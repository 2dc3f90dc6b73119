package io.relevo.core.config;

import static io.relevo.core.config.Configs.parse;
import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HooksValidationTest {

  @Test
  void hooksAreAListAProgramOrACommandWithATimeout() {
    HooksConfig hooks =
        parse(
                Configs.MINIMAL
                    + "hooks:\n  pre_deploy: [./check.sh, --strict]\n  post_deploy: ./notify.sh\n"
                    + "  on_failure: {command: [./page.sh], timeout: 5s}\n")
            .hooks();

    assertThat(hooks.at(HooksConfig.Point.PRE_DEPLOY))
        .contains(new HookCommand(List.of("./check.sh", "--strict"), Duration.ofSeconds(60)));
    assertThat(hooks.at(HooksConfig.Point.POST_DEPLOY))
        .contains(new HookCommand(List.of("./notify.sh"), null));
    assertThat(hooks.at(HooksConfig.Point.ON_FAILURE))
        .contains(new HookCommand(List.of("./page.sh"), Duration.ofSeconds(5)));
    assertThat(hooks.at(HooksConfig.Point.PRE_ROLLBACK)).isEmpty();
  }

  @Test
  void anUnknownHookPointAndAnEmptyCommandAreNamed() {
    assertThat(problems(Configs.MINIMAL + "hooks:\n  pre_deplo: [./x.sh]\n  post_rollback: []\n"))
        .containsExactly(
            "relevo.yml:5: hooks.pre_deplo: unknown key (did you mean \"pre_deploy\"?)",
            "relevo.yml:6: hooks.post_rollback: [] (expected: a command as a list, like"
                + " [./scripts/notify.sh, deployed], or {command: [...], timeout: 30s})");
  }
}
