package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.analysis.AnalysisTemplate;
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
  void canaryByNameIsTheRunbooksRamp() {
    var canary =
        (StrategyConfig.Canary) Configs.parse(Configs.MINIMAL + "strategy: canary\n").strategy();
    assertThat(canary.steps())
        .containsExactly(
            new StrategyConfig.CanaryStep.SetWeight(10),
            new StrategyConfig.CanaryStep.RunAnalysis("default"),
            new StrategyConfig.CanaryStep.SetWeight(25),
            new StrategyConfig.CanaryStep.RunAnalysis("default"),
            new StrategyConfig.CanaryStep.SetWeight(50),
            new StrategyConfig.CanaryStep.RunAnalysis("default"),
            new StrategyConfig.CanaryStep.SetWeight(100));
  }

  @Test
  void canaryStepsAreReadInOrder() {
    var canary =
        (StrategyConfig.Canary)
            Configs.parse(
                    Configs.MINIMAL
                        + "strategy:\n  canary:\n    analysis: default\n"
                        + "    steps: [{weight: 10}, {pause: 30s}, {pause: {}}, {analysis: default}, {weight: 100}]\n")
                .strategy();
    assertThat(canary.steps())
        .containsExactly(
            new StrategyConfig.CanaryStep.SetWeight(10),
            new StrategyConfig.CanaryStep.Pause(java.time.Duration.ofSeconds(30)),
            new StrategyConfig.CanaryStep.Pause(null),
            new StrategyConfig.CanaryStep.RunAnalysis("default"),
            new StrategyConfig.CanaryStep.SetWeight(100));
    assertThat(canary.backgroundAnalysis()).isEqualTo("default");
  }

  @Test
  void canaryStickinessIsOffUnlessAsked() {
    var plain =
        (StrategyConfig.Canary) Configs.parse(Configs.MINIMAL + "strategy: canary\n").strategy();
    var sticky =
        (StrategyConfig.Canary)
            Configs.parse(Configs.MINIMAL + "strategy:\n  canary:\n    sticky: true\n").strategy();
    assertThat(plain.sticky()).isFalse();
    assertThat(sticky.sticky()).isTrue();
    assertThat(problems(Configs.MINIMAL + "strategy:\n  canary:\n    sticky: maybe\n"))
        .containsExactly(
            "relevo.yml:6: strategy.canary.sticky: \"maybe\" (expected: one of true, false)");
  }

  @Test
  void badCanaryStepsEachSayWhatIsExpected() {
    assertThat(
            problems(
                Configs.MINIMAL
                    + "strategy:\n  canary:\n    steps:\n"
                    + "      - {weight: 120}\n"
                    + "      - {pause: soon}\n"
                    + "      - {analysis: quick}\n"
                    + "      - {weight: 10, pause: 1s}\n"
                    + "      - {wieght: 10}\n"))
        .containsExactly(
            "relevo.yml:7: strategy.canary.steps[0].weight: 120 (expected: 0..100)",
            "relevo.yml:8: strategy.canary.steps[1].pause: \"soon\" (expected: a duration like 2s, 500ms, 1m)",
            "relevo.yml:9: strategy.canary.steps[2].analysis: \"quick\" is not an analysis (expected one of:"
                + " default; define it under analysis:)",
            "relevo.yml:10: strategy.canary.steps[3]: a map (expected: one of {weight: 10}, {pause: 30s},"
                + " {pause: {}} or {analysis: default})",
            "relevo.yml:11: strategy.canary.steps[4].wieght: unknown key (did you mean \"weight\"?)");
  }

  @Test
  void analysesAreReadWithTheDefaultsFilledIn() {
    AppConfig config =
        Configs.parse(
            Configs.MINIMAL
                + "analysis:\n  quick:\n    interval: 2s\n    judge: statistical\n"
                + "    metrics:\n      - {name: errors, builtin: error_rate, fail_if: \"canary > 2 * stable\"}\n"
                + "strategy:\n  canary:\n    steps: [{weight: 5}, {analysis: quick}]\n");
    var quick = config.analysis().get("quick");
    assertThat(quick.interval()).isEqualTo(java.time.Duration.ofSeconds(2));
    assertThat(quick.minRequests()).isEqualTo(AnalysisTemplate.defaults().minRequests());
    assertThat(quick.metrics())
        .singleElement()
        .satisfies(m -> assertThat(m.failIf().text()).isEqualTo("canary > 2 * stable"));
    assertThat(config.analysis()).containsKeys("default", "quick");
  }

  @Test
  void anAnalysisJudgedByThresholdTakesTheFixedWindowDefaults() {
    AppConfig config =
        Configs.parse(
            Configs.MINIMAL
                + "analysis:\n  windows:\n    judge: threshold\n"
                + "strategy:\n  canary:\n    steps: [{weight: 5}, {analysis: windows}]\n");

    var windows = config.analysis().get("windows");

    assertThat(windows.interval()).isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(windows.minRequests()).isEqualTo(50);
    assertThat(windows.failureLimit()).isEqualTo(1);
  }

  @Test
  void badAnalysisSettingsNameTheKeyAndTheFix() {
    assertThat(
            problems(
                Configs.MINIMAL
                    + "analysis:\n  quick:\n    interval: 2x\n    inconclusive: {then: wait}\n"
                    + "    metrics:\n      - {builtin: error_ratio, fail_if: \"canary >\"}\n      - {builtin: error_rate}\n"))
        .hasSize(5)
        .anySatisfy(p -> assertThat(p).startsWith("relevo.yml:6: analysis.quick.interval: \"2x\""))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "relevo.yml:7: analysis.quick.inconclusive.then: \"wait\" (expected: one of pause, fail)"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "relevo.yml:9: analysis.quick.metrics[0].builtin: \"error_ratio\" (expected one of: error_rate"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "relevo.yml:9: analysis.quick.metrics[0].fail_if: \"canary >\": at column"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("relevo.yml:10: analysis.quick.metrics[1].fail_if: missing"));
  }

  @Test
  void anUnknownStrategyNameSaysWhatExists() {
    assertThat(problems(Configs.MINIMAL + "strategy: rolling\n"))
        .containsExactly("relevo.yml:4: strategy: \"rolling\" (expected: bluegreen or canary)");
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
            "relevo.yml:4: strategy: 2 strategies (expected: exactly one, like bluegreen: {} or"
                + " canary: {steps: [...]})");
  }

  @Test
  void bluegreenTakesNoSettingsYet() {
    assertThat(problems(Configs.MINIMAL + "strategy: {bluegreen: {steps: 2}}\n"))
        .containsExactly(
            "relevo.yml:4: strategy.bluegreen.steps: unknown key (expected: no settings here)");
  }
}
