package io.relevo.core.config;

import static io.relevo.core.config.Configs.parse;
import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class GatesValidationTest {

  @Test
  void secretsAndWindowAreReadWithTheirRules() {
    GatesConfig gates =
        parse(
                Configs.MINIMAL
                    + """
                    gates:
                      secrets:
                        JWT_SECRET: {min_length: 32, format: hex, min_entropy: 128}
                        POSTGRES_PASSWORD: {min_length: 15}
                        REDIS_PASSWORD:
                      window:
                        days: [tue-thu]
                        hours: "10:00-14:00"
                        zone: Europe/Madrid
                        freezes:
                          - {from: 2026-12-20, to: 2027-01-06, reason: holidays}
                    """)
            .gates();

    assertThat(gates.secrets())
        .containsExactly(
            new SecretRule("JWT_SECRET", 32, SecretRule.Format.HEX, 128),
            new SecretRule("POSTGRES_PASSWORD", 15, null, 0),
            new SecretRule("REDIS_PASSWORD", 1, null, 0));
    DeployWindow window = gates.window();
    assertThat(window.days())
        .containsExactly(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY);
    assertThat(window.opens()).isEqualTo(LocalTime.of(10, 0));
    assertThat(window.closes()).isEqualTo(LocalTime.of(14, 0));
    assertThat(window.zone()).isEqualTo(ZoneId.of("Europe/Madrid"));
    assertThat(window.freezes())
        .containsExactly(
            new Freeze(LocalDate.of(2026, 12, 20), LocalDate.of(2027, 1, 6), "holidays"));
  }

  @Test
  void noGatesSectionMeansNoGates() {
    assertThat(parse(Configs.MINIMAL).gates()).isEqualTo(GatesConfig.none());
  }

  @Test
  void anUnknownZoneAndHoursThatDoNotParseAreOneLineEachWithTheirPlace() {
    assertThat(
            problems(
                Configs.MINIMAL
                    + "gates:\n  window:\n    hours: 10-14\n    zone: Europe/Madird\n"
                    + "    days: [tuesday, funday]\n"))
        .containsExactly(
            "relevo.yml:6: gates.window.hours: \"10-14\" (expected: HH:MM-HH:MM with the start"
                + " before the end, like 10:00-14:00)",
            "relevo.yml:7: gates.window.zone: unknown zone \"Europe/Madird\" (expected: an IANA"
                + " zone like UTC, Europe/Madrid or America/New_York)",
            "relevo.yml:8: gates.window.days: \"funday\" (expected: a list of days (mon, tue,"
                + " wed, thu, fri, sat, sun) or ranges like tue-thu)");
  }

  @Test
  void hoursThatEndBeforeTheyStartAreRefused() {
    assertThat(problems(Configs.MINIMAL + "gates:\n  window:\n    hours: \"14:00-10:00\"\n"))
        .containsExactly(
            "relevo.yml:6: gates.window.hours: \"14:00-10:00\" (expected: HH:MM-HH:MM with the"
                + " start before the end, like 10:00-14:00)");
  }

  @Test
  void badSecretRulesNameTheSecretAndTheKey() {
    assertThat(
            problems(
                Configs.MINIMAL
                    + "gates:\n  secrets:\n    JWT_SECRET: {format: hexa, min_length: 0}\n"))
        .containsExactly(
            "relevo.yml:6: gates.secrets.JWT_SECRET.min_length: 0 (expected: 1..100000)",
            "relevo.yml:6: gates.secrets.JWT_SECRET.format: \"hexa\" (expected: one of any, hex,"
                + " base64)");
  }

  @Test
  void aFreezeThatEndsBeforeItStartsIsRefused() {
    assertThat(
            problems(
                Configs.MINIMAL
                    + "gates:\n  window:\n    freezes:\n      - {from: 2026-12-20, to: 2026-12-01}\n"))
        .containsExactly(
            "relevo.yml:7: gates.window.freezes[0].to: 2026-12-01 (expected: on or after from,"
                + " 2026-12-20)");
  }

  @Test
  void approvalsAreReadPerEnvironmentWithTheirGroups() {
    var approvals =
        parse(
                Configs.MINIMAL
                    + "gates:\n  approvals:\n    production:\n      quorum: 2\n"
                    + "      groups: {code-owners: [ana, bob], tech-leads: [dana]}\n"
                    + "      expire_after: 4h\n    staging: {quorum: 1}\n")
            .gates()
            .approvals();

    ApprovalPolicy production = approvals.get("production");
    assertThat(production.quorum()).isEqualTo(2);
    assertThat(production.groupOf("dana")).contains("tech-leads");
    assertThat(production.groupOf("eve")).isEmpty();
    assertThat(production.expireAfter()).isEqualTo(java.time.Duration.ofHours(4));
    assertThat(approvals.get("staging").waitFor()).isEqualTo(java.time.Duration.ofHours(24));
    assertThat(
            problems(
                Configs.MINIMAL
                    + "gates:\n  approvals:\n    production: {quorum: 0, groups: {x: []}}\n"))
        .containsExactly(
            "relevo.yml:6: gates.approvals.production.quorum: 0 (expected: 1..100)",
            "relevo.yml:6: gates.approvals.production.groups.x: [] (expected: a list of people,"
                + " like [ana, bob])");
  }
}
