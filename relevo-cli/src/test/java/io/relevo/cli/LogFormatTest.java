package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The agent's log lines as text and as JSON, core's java.util.logging lines included. */
class LogFormatTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    MDC.clear();
    LogFormat.TEXT.install(System.err);
  }

  @Test
  void jsonLinesCarryTheAppRevisionAndRolloutOfTheThreadsWork() throws Exception {
    LogFormat.JSON.install(out);
    MDC.put("app", "shop");
    MDC.put("revision", "3");
    MDC.put("rollout", "12");

    java.util.logging.Logger.getLogger("io.relevo.core.engine.RolloutEngine")
        .info("shop: canary at 10%");
    LoggerFactory.getLogger("io.relevo.server.Agent").warn("agent up: API {}", "http://x");

    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(2);
    JsonNode core = new ObjectMapper().readTree(lines[0]);
    assertThat(core.path("level").asText()).isEqualTo("INFO");
    assertThat(core.path("loggerName").asText()).isEqualTo("io.relevo.core.engine.RolloutEngine");
    assertThat(core.path("formattedMessage").asText()).isEqualTo("shop: canary at 10%");
    assertThat(core.path("mdc").path("app").asText()).isEqualTo("shop");
    assertThat(core.path("mdc").path("revision").asText()).isEqualTo("3");
    assertThat(core.path("mdc").path("rollout").asText()).isEqualTo("12");
    JsonNode agent = new ObjectMapper().readTree(lines[1]);
    assertThat(agent.path("level").asText()).isEqualTo("WARN");
    assertThat(agent.path("formattedMessage").asText()).isEqualTo("agent up: API http://x");
  }

  @Test
  void textLinesStayOneShortLineEach() {
    LogFormat.TEXT.install(out);

    LoggerFactory.getLogger("io.relevo.server.Agent").info("agent up");

    assertThat(out.toString(StandardCharsets.UTF_8))
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[INFO\\] Agent - agent up\\n");
  }
}
