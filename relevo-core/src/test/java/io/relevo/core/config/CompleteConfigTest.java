package io.relevo.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.ProbeConfig.DegradedPolicy;
import io.relevo.core.config.ProbeConfig.ProbeType;
import io.relevo.core.config.RuntimeConfig.RuntimeType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompleteConfigTest {

  /** DESIGN.md's example, without the sections this version does not support yet. */
  private static final String DESIGN_EXAMPLE =
      """
      app: alojamientos
      env: production
      runtime:
        type: process                 # process | docker | kubernetes
        command: ["java", "-jar", "build/app-{version}.jar"]
        port_env: PORT                # relevo picks a free port per revision
      listen: 127.0.0.1:8080          # the proxy's front door
      health:
        readiness: {path: /api/v1/healthz, interval: 2s, timeout: 1s, retries: 5, start_period: 10s}
      smoke:
        - {method: GET, path: /api/v1/healthz, expect_status: 200}
      strategy: bluegreen
      rollback:
        keep_previous: 10m
        watch_after_promotion: 5m
      """;

  @Test
  void theDesignExampleParsesIntoRecordsWithDefaultsFilledIn() {
    AppConfig config = Configs.parse(DESIGN_EXAMPLE);

    assertThat(config.app()).isEqualTo("alojamientos");
    assertThat(config.env()).isEqualTo("production");
    assertThat(config.runtime())
        .isEqualTo(
            new RuntimeConfig(
                RuntimeType.PROCESS,
                List.of("java", "-jar", "build/app-{version}.jar"),
                "PORT",
                null,
                Map.of(),
                Duration.ofSeconds(10),
                null));
    assertThat(config.listen()).isEqualTo(new HostPort("127.0.0.1", 8080));
    assertThat(config.health())
        .isEqualTo(
            new HealthConfig(
                new ProbeConfig(
                    ProbeType.HTTP,
                    "/api/v1/healthz",
                    200,
                    DegradedPolicy.PASS,
                    List.of(),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(1),
                    5,
                    Duration.ofSeconds(10)),
                null,
                Duration.ofSeconds(60)));
    assertThat(config.smoke())
        .containsExactly(
            new SmokeCheck(
                "GET /api/v1/healthz", "GET", "/api/v1/healthz", Map.of(), null, 200, null, null));
    assertThat(config.strategy()).isEqualTo(new StrategyConfig.BlueGreen());
    assertThat(config.rollback())
        .isEqualTo(new RollbackConfig(Duration.ofMinutes(10), Duration.ofMinutes(5)));
    assertThat(config.proxy()).isEqualTo(ProxyConfig.defaults());
    assertThat(config.source()).isEqualTo(new ConfigSource("relevo.yml", DESIGN_EXAMPLE));
  }

  @Test
  void aConfigWithOnlyAppAndCommandGetsEveryDefault() {
    AppConfig config = Configs.parse(Configs.MINIMAL);

    assertThat(config.env()).isEqualTo("production");
    assertThat(config.runtime().type()).isEqualTo(RuntimeType.PROCESS);
    assertThat(config.runtime().portEnv()).isEqualTo("PORT");
    assertThat(config.listen()).isEqualTo(new HostPort("127.0.0.1", 8080));
    assertThat(config.health()).isEqualTo(HealthConfig.defaults());
    assertThat(config.smoke()).isEmpty();
    assertThat(config.strategy()).isEqualTo(new StrategyConfig.BlueGreen());
    assertThat(config.rollback()).isEqualTo(RollbackConfig.defaults());
    assertThat(config.proxy()).isEqualTo(ProxyConfig.defaults());
  }

  @Test
  void everyOtherKeyIsReadIntoItsRecordComponent() {
    AppConfig config =
        Configs.parse(
            """
            app: shop-2
            env: staging
            runtime:
              command: [./run.sh, "{version}"]
              port_env: HTTP_PORT
              workdir: build
              env: {JAVA_OPTS: -Xmx256m, VERSION: "{version}"}
              stop_grace: 15s
            listen: 0.0.0.0:9000
            health:
              readiness: {type: tcp}
              liveness:
                type: command
                command: [pg_isready, -q]
                degraded: fail
                path: /live
                expect_status: 204
              ready_timeout: 2m
            smoke:
              - name: login works
                method: post
                path: /api/login
                headers: {Content-Type: application/json}
                body: '{"user": "demo"}'
                expect_status: 201
                body_contains: token
                max_latency: 1s500ms
            strategy: {bluegreen: {}}
            rollback: {keep_previous: 0s, watch_after_promotion: 1h}
            proxy: {drain_timeout: 10s, upstream_timeout: 30s, connect_timeout: 500ms}
            """);

    assertThat(config.runtime())
        .isEqualTo(
            new RuntimeConfig(
                RuntimeType.PROCESS,
                List.of("./run.sh", "{version}"),
                "HTTP_PORT",
                "build",
                Map.of("JAVA_OPTS", "-Xmx256m", "VERSION", "{version}"),
                Duration.ofSeconds(15),
                null));
    assertThat(config.listen()).isEqualTo(new HostPort("0.0.0.0", 9000));
    assertThat(config.health().readiness().type()).isEqualTo(ProbeType.TCP);
    assertThat(config.health().liveness())
        .isEqualTo(
            new ProbeConfig(
                ProbeType.COMMAND,
                "/live",
                204,
                DegradedPolicy.FAIL,
                List.of("pg_isready", "-q"),
                null,
                null,
                0,
                null));
    assertThat(config.health().readyTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.smoke())
        .containsExactly(
            new SmokeCheck(
                "login works",
                "POST",
                "/api/login",
                Map.of("Content-Type", "application/json"),
                "{\"user\": \"demo\"}",
                201,
                "token",
                Duration.ofMillis(1500)));
    assertThat(config.rollback()).isEqualTo(new RollbackConfig(Duration.ZERO, Duration.ofHours(1)));
    assertThat(config.proxy())
        .isEqualTo(
            new ProxyConfig(
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMillis(500)));
  }
}
