package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.config.FrontDoorLimits;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.config.RevisionOverrides;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A proxy's settings cross a process boundary as JSON and come back equal, overrides included. */
class ProxyConfigJsonTest {

  @Test
  void everySettingOfTheProxySurvivesAJsonRoundTrip() throws Exception {
    ProxyConfig config =
        new ProxyConfig(
            Duration.ofSeconds(5),
            Duration.ofSeconds(20),
            Duration.ofMillis(300),
            new RevisionOverrides(
                "X-Preview", null, "0123456789abcdef-token", List.of("10.0.0.0/8")),
            "X-Relevo-Revision",
            new FrontDoorLimits(4096, 8192, 50, Duration.ofSeconds(3), Duration.ofSeconds(30)));

    String json = Json.mapper().writeValueAsString(config);

    assertThat(Json.mapper().readValue(json, ProxyConfig.class)).isEqualTo(config);
    assertThat(
            Json.mapper()
                .readValue(
                    Json.mapper().writeValueAsString(ProxyConfig.defaults()), ProxyConfig.class))
        .isEqualTo(ProxyConfig.defaults());
  }
}
