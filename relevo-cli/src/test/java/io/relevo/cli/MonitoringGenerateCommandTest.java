package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringGenerateCommandTest {

  @TempDir Path dir;

  @Test
  void writesTheRulesWithTheConfigsThresholdsAndBothDashboards() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("relevo.yml"),
            """
            app: shop
            runtime:
              command: [run]
            analysis:
              default:
                metrics:
                  - {name: errors, builtin: error_rate, fail_if: "canary - stable > 0.02"}
                  - {name: p95, builtin: latency_p95, fail_if: "canary - stable > 800ms"}
            """);
    Path out = dir.resolve("monitoring");

    CliRun run =
        CliRun.of(
            Map.of(),
            "monitoring",
            "generate",
            "shop",
            "--out",
            out.toString(),
            "-f",
            file.toString(),
            "--for",
            "30s");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("wrote " + out.resolve("shop-alerts.yml"))
        .contains("wrote " + out.resolve("shop-deployments.json"))
        .contains("wrote " + out.resolve("shop-traffic.json"));
    String rules = Files.readString(out.resolve("shop-alerts.yml"));
    assertThat(rules)
        .contains("[5m])) > 0.02")
        .contains("[5m]))) > 0.8")
        .contains("for: 30s")
        .doesNotContain("for: 5m");
  }

  @Test
  void anAppOtherThanTheConfigsIsBadInputNamingBoth() throws Exception {
    Path file =
        Files.writeString(dir.resolve("relevo.yml"), "app: shop\nruntime:\n  command: [run]\n");

    CliRun run =
        CliRun.of(
            Map.of(),
            "monitoring",
            "generate",
            "shoe",
            "--out",
            dir.toString(),
            "-f",
            file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("APP: \"shoe\"").contains("\"shop\"").doesNotContain("\tat ");
  }
}
