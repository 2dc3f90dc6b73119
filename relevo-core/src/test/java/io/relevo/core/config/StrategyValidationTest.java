package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrategyValidationTest {

  @Test
  void bluegreenIsAcceptedAsANameOrAsAMap() {
    assertThat(Configs.parse(Configs.MINIMAL + "strategy: bluegreen\n").strategy())
        .isEqualTo(new StrategyConfig.BlueGreen());
    assertThat(Configs.parse(Configs.MINIMAL + "strategy:\n  bluegreen:\n").strategy())
        .isEqualTo(new StrategyConfig.BlueGreen());
  }

  @Test
  void canaryIsNotSupportedYetWhetherNamedOrConfigured() {
    assertThat(problems(Configs.MINIMAL + "strategy: canary\n"))
        .containsExactly(
            "relevo.yml:4: strategy: \"canary\" is not supported yet by this version of relevo"
                + " (expected: bluegreen)");
    assertThat(problems(Configs.MINIMAL + "strategy:\n  canary:\n    steps: [{weight: 10}]\n"))
        .containsExactly(
            "relevo.yml:5: strategy.canary: not supported yet by this version of relevo");
  }

  @Test
  void anUnknownStrategyNameSaysWhatExists() {
    assertThat(problems(Configs.MINIMAL + "strategy: rolling\n"))
        .containsExactly("relevo.yml:4: strategy: \"rolling\" (expected: bluegreen)");
  }

  @Test
  void aMisspelledStrategyKeyGetsASuggestion() {
    assertThat(problems(Configs.MINIMAL + "strategy: {blue_green: {}}\n"))
        .containsExactly(
            "relevo.yml:4: strategy.blue_green: unknown key (did you mean \"bluegreen\"?)");
  }

  @Test
  void twoStrategiesAtOnceAreRejected() {
    assertThat(problems(Configs.MINIMAL + "strategy: {bluegreen: {}, canary: {}}\n"))
        .containsExactly(
            "relevo.yml:4: strategy.canary: not supported yet by this version of relevo",
            "relevo.yml:4: strategy: 2 strategies (expected: exactly one, like bluegreen: {})");
  }

  @Test
  void bluegreenTakesNoSettingsYet() {
    assertThat(problems(Configs.MINIMAL + "strategy: {bluegreen: {steps: 2}}\n"))
        .containsExactly(
            "relevo.yml:4: strategy.bluegreen.steps: unknown key (expected: no settings here)");
  }
}
