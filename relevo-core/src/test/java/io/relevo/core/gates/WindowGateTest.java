package io.relevo.core.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The runbook's window, Tuesday to Thursday 10:00-14:00 UTC, at exact instants. */
class WindowGateTest {

  private static final String YAML =
      """
      app: shop
      runtime:
        command: [run]
      gates:
        window:
          days: [tue, wed, thu]
          hours: "10:00-14:00"
          zone: UTC
          freezes:
            - {from: 2026-12-21, to: 2027-01-06, reason: holiday season}
      """;

  private static GateResult at(String instant, Set<String> overrides, String reason) {
    AppConfig config = ConfigLoader.parse("relevo.yml", YAML, Map.of());
    GateInput input =
        new GateInput(config, "v1", "ana", reason, overrides, Map.of(), Instant.parse(instant));
    return Gates.run(Gates.of(config.gates()), input).results().getFirst();
  }

  private static GateResult at(String instant) {
    return at(instant, Set.of(), "");
  }

  @Test
  void opensAtTenAndClosesAtTwoOnTuesdayToThursday() {
    assertThat(at("2026-11-24T10:00:00Z").status()).isEqualTo(GateResult.Status.PASSED);
    assertThat(at("2026-11-26T13:59:59Z").status()).isEqualTo(GateResult.Status.PASSED);
    assertThat(at("2026-11-24T09:59:59Z").status()).isEqualTo(GateResult.Status.FAILED);
    assertThat(at("2026-11-26T14:00:00Z").status()).isEqualTo(GateResult.Status.FAILED);
  }

  @Test
  void aRefusalSaysWhenTheWindowOpensNext() {
    GateResult friday = at("2026-11-27T11:00:00Z");

    assertThat(friday.line())
        .isEqualTo(
            "window: failed: closed at Fri 2026-11-27 11:00 UTC (2026-11-27T11:00:00Z) (open"
                + " Tue,Wed,Thu 10:00-14:00 UTC); opens next Tue 2026-12-01 10:00 UTC"
                + " (2026-12-01T10:00:00Z)");
  }

  @Test
  void beforeTheHoursOnAnOpenDayItOpensTheSameDay() {
    assertThat(at("2026-11-25T07:30:00Z").summary())
        .endsWith("opens next Wed 2026-11-25 10:00 UTC (2026-11-25T10:00:00Z)");
  }

  @Test
  void aFreezeRefusesWithItsReasonAndTheFirstDayAfterIt() {
    GateResult frozen = at("2026-12-22T11:00:00Z");

    assertThat(frozen.summary())
        .isEqualTo(
            "change freeze 2026-12-21 to 2027-01-06: holiday season; opens next Thu 2027-01-07"
                + " 10:00 UTC (2027-01-07T10:00:00Z)");
  }

  @Test
  void anOverrideLetsAClosedWindowThroughAndSaysWhoAndWhy() {
    GateResult result = at("2026-11-28T03:00:00Z", Set.of("window"), "hotfix for the payment bug");

    assertThat(result.status()).isEqualTo(GateResult.Status.OVERRIDDEN);
    assertThat(result.by()).isEqualTo("ana");
    assertThat(result.summary()).endsWith("; overridden by ana: hotfix for the payment bug");
  }

  @Test
  void anOverrideOfAnOpenWindowChangesNothing() {
    assertThat(at("2026-11-24T11:00:00Z", Set.of("window"), "x").status())
        .isEqualTo(GateResult.Status.PASSED);
  }

  @Test
  void hoursAreReadInTheWindowsZone() {
    AppConfig config =
        ConfigLoader.parse(
            "relevo.yml",
            YAML.replace("zone: UTC", "zone: America/New_York")
                .replace("    freezes:\n", "    freezes: []\n#"),
            Map.of());
    GateInput input =
        new GateInput(
            config, "v1", "ana", "", null, Map.of(), Instant.parse("2026-11-24T15:00:00Z"));
    // 15:00 UTC is 10:00 in New York (EST, UTC-5).
    assertThat(Gates.run(Gates.of(config.gates()), input).passed()).isTrue();
  }
}
