package io.relevo.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated configs through the loader: whatever the text, it loads or fails with a {@link
 * ConfigException} whose every problem is one line naming the file (and, for a setting, its line
 * and path); never another exception.
 */
class ConfigFuzzTest {

  private static final Map<String, String> ENV = Map.of("PORT", "8080", "TOKEN", "x".repeat(20));
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Keys relevo knows, at any level, and a few it does not, so generated maps hit real readers. */
  private static final List<String> KEYS =
      List.of(
          "app",
          "env",
          "runtime",
          "listen",
          "health",
          "smoke",
          "strategy",
          "analysis",
          "rollback",
          "proxy",
          "gates",
          "command",
          "type",
          "port_env",
          "workdir",
          "stop_grace",
          "image",
          "container_port",
          "memory",
          "cpus",
          "readiness",
          "liveness",
          "path",
          "interval",
          "timeout",
          "retries",
          "expect_status",
          "canary",
          "bluegreen",
          "steps",
          "weight",
          "pause",
          "sticky",
          "metrics",
          "name",
          "builtin",
          "fail_if",
          "count",
          "load",
          "rate",
          "keep_previous",
          "watch_after_promotion",
          "drain_timeout",
          "upstream_timeout",
          "overrides",
          "header",
          "token",
          "allow",
          "revision_header",
          "max_headers",
          "max_header_size",
          "header_timeout",
          "idle_timeout",
          "judge",
          "inconclusive",
          "zz");

  private static final String VALID =
      """
      app: shop
      runtime:
        command: [java, -jar, app.jar]
        env: {A: "${PORT}"}
      listen: 127.0.0.1:8080
      health:
        readiness: {path: /health, interval: 2s, timeout: 1s, retries: 5}
      smoke:
        - {method: GET, path: /health, expect_status: 200}
      strategy:
        canary:
          steps: [{weight: 10}, {pause: 30s}, {analysis: default}, {weight: 100}]
      analysis:
        default: {interval: 1s, count: 3}
      rollback: {keep_previous: 10m}
      proxy:
        overrides: {token: "${TOKEN}", allow: [10.0.0.0/8]}
        max_header_size: 16k
      """;

  @Property(tries = 500, seed = "20261207")
  void aGeneratedDocumentLoadsOrFailsWithOneLineProblems(@ForAll("documents") String yaml) {
    check(yaml);
  }

  @Property(tries = 500, seed = "20261208")
  void aMangledValidConfigLoadsOrFailsWithOneLineProblems(@ForAll("mangled") String yaml) {
    check(yaml);
  }

  private static void check(String yaml) {
    try {
      ConfigLoader.parse("relevo.yml", yaml, ENV);
    } catch (ConfigException e) {
      assertThat(e.problems()).isNotEmpty();
      for (ConfigProblem problem : e.problems()) {
        assertThat(problem.toString()).startsWith("relevo.yml").doesNotContain("\n");
        assertThat(problem.message()).isNotBlank().doesNotContain("Exception");
      }
    }
  }

  @Provide
  Arbitrary<String> documents() {
    return map(3)
        .map(
            document -> {
              try {
                return YAML.writeValueAsString(document);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
  }

  @Provide
  Arbitrary<String> mangled() {
    Arbitrary<String> noise =
        Arbitraries.strings()
            .withChars(":-[]{}&*!|>'\"#\t\n %@`,?$\\")
            .withCharRange('a', 'z')
            .withCharRange('0', '9')
            .ofMinLength(1)
            .ofMaxLength(8);
    Arbitrary<Integer> at = Arbitraries.integers().between(0, VALID.length());
    return Combinators.combine(at, at, noise, Arbitraries.integers().between(0, 2))
        .as(
            (from, to, text, how) -> {
              int a = Math.min(from, to);
              int b = Math.max(from, to);
              return switch (how) {
                case 0 -> VALID.substring(0, a) + VALID.substring(b); // a cut
                case 1 -> VALID.substring(0, a) + text + VALID.substring(a); // an insertion
                default -> VALID.substring(0, a) + text + VALID.substring(Math.min(b, a + 3));
              };
            });
  }

  private static Arbitrary<Object> leaf() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "10s",
            "500ms",
            "0s",
            "-1s",
            "1x",
            "canary",
            "bluegreen",
            "process",
            "docker",
            "GET",
            "/health",
            "127.0.0.1:8080",
            ":0",
            "${PORT}",
            "${NOPE}",
            "${BAD",
            "$${PORT}",
            "10.0.0.0/8",
            "::1/200",
            "16k",
            "2g",
            "X-Relevo-Revision",
            "",
            "shop",
            "{version}",
            "canary - stable > 0.05",
            "20/s",
            "9999999999999999999999",
            "NaN",
            "~"),
        Arbitraries.integers().between(-5, 70_000),
        Arbitraries.doubles().between(-1e6, 1e6),
        Arbitraries.of(true, false),
        Arbitraries.strings().ofMaxLength(12));
  }

  private static Arbitrary<Object> value(int depth) {
    if (depth == 0) {
      return leaf();
    }
    return Arbitraries.frequencyOf(
        Tuple.of(5, leaf()),
        Tuple.of(2, value(depth - 1).list().ofMaxSize(4).map(list -> (Object) list)),
        Tuple.of(3, map(depth - 1).map(map -> (Object) map)));
  }

  private static Arbitrary<Map<String, Object>> map(int depth) {
    Arbitrary<String> key =
        Arbitraries.frequencyOf(
            Tuple.of(9, Arbitraries.of(KEYS)),
            Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(6)));
    return Combinators.combine(key, value(depth))
        .as((k, v) -> Map.entry(k, v))
        .list()
        .ofMaxSize(6)
        .map(
            entries -> {
              Map<String, Object> map = new LinkedHashMap<>();
              entries.forEach(e -> map.put(e.getKey(), e.getValue()));
              return map;
            });
  }
}
