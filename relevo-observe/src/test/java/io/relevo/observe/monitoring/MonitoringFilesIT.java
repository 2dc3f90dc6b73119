package io.relevo.observe.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.testing.PrometheusProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated files as their tools read them: promtool for the rules, Grafana's import fields.
 */
class MonitoringFilesIT {

  @TempDir Path dir;

  private List<Path> generate() throws Exception {
    return MonitoringFiles.write(
        ConfigLoader.parse("relevo.yml", "app: shop\nruntime:\n  command: [run]\n", Map.of()),
        "relevo",
        dir,
        null,
        null);
  }

  @Test
  void theAlertRulesPassPromtoolCheckRules() throws Exception {
    Path promtool = PrometheusProcess.require("promtool");
    Path rules = generate().getFirst();

    Process check =
        new ProcessBuilder(promtool.toString(), "check", "rules", rules.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(check.waitFor()).as(output).isZero();
    assertThat(output).contains("SUCCESS: 11 rules found");
    assertThat(Files.readString(rules))
        .contains("alert: RelevoHighErrorRate")
        .contains("> 0.05")
        .contains("for: 5m")
        .contains("> 3.0"); // the default analysis: canary - stable > 3s
  }

  @Test
  void theDashboardsHaveWhatGrafanasImportNeeds() throws Exception {
    List<Path> files = generate();
    ObjectMapper json = new ObjectMapper();
    for (Path file : files.subList(1, 3)) {
      JsonNode d = json.readTree(file.toFile());
      assertThat(d.path("title").asText()).as(file.toString()).startsWith("relevo: shop");
      assertThat(d.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
      assertThat(d.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
      assertThat(d.path("__inputs").get(0).path("name").asText()).isEqualTo("DS_PROMETHEUS");
      assertThat(d.path("__inputs").get(0).path("pluginId").asText()).isEqualTo("prometheus");
      assertThat(d.path("time").has("from")).isTrue();
      assertThat(d.path("templating").path("list").isArray()).isTrue();
      assertThat(d.path("annotations").path("list").isArray()).isTrue();
      JsonNode panels = d.path("panels");
      assertThat(panels.size()).isGreaterThanOrEqualTo(4);
      Set<Integer> ids = new HashSet<>();
      Set<String> cells = new HashSet<>();
      for (JsonNode p : panels) {
        assertThat(ids.add(p.path("id").asInt())).as("unique panel id").isTrue();
        assertThat(p.path("type").asText()).isIn("stat", "timeseries");
        assertThat(p.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
        JsonNode g = p.path("gridPos");
        int x = g.path("x").asInt();
        int y = g.path("y").asInt();
        int w = g.path("w").asInt();
        int h = g.path("h").asInt();
        assertThat(w).isPositive();
        assertThat(h).isPositive();
        assertThat(x + w).as("within 24 columns").isLessThanOrEqualTo(24);
        for (int cx = x; cx < x + w; cx++) {
          for (int cy = y; cy < y + h; cy++) {
            assertThat(cells.add(cx + "," + cy)).as("panels do not overlap").isTrue();
          }
        }
        Set<String> refIds = new HashSet<>();
        assertThat(p.path("targets").size()).isPositive();
        for (JsonNode t : p.path("targets")) {
          assertThat(t.path("expr").asText()).contains("app=\"shop\"");
          assertThat(refIds.add(t.path("refId").asText())).isTrue();
        }
      }
    }
    JsonNode deployments = json.readTree(files.get(1).toFile());
    assertThat(deployments.path("annotations").path("list").findValuesAsText("expr"))
        .anySatisfy(e -> assertThat(e).contains("deployment_started_total"));
    assertThat(deployments.findValuesAsText("title"))
        .contains(
            "Success rate",
            "MTTR (rollback duration)",
            "Rollback frequency (per hour, by reason)",
            "Traffic split (canary vs stable)");
  }
}
