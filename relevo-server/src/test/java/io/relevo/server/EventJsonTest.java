package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.server.v1.EventStatus;
import io.relevo.server.v1.RolloutEventView;
import io.relevo.server.v1.StreamLine;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The events written by hand read exactly as the mapper writes their records. */
class EventJsonTest {

  private static final RolloutEventView MEASURED =
      new RolloutEventView(
          Instant.parse("2026-12-07T13:11:09.120Z"),
          "analysis",
          EventStatus.PROGRESS,
          "background analysis steady measurement 3: PASS\n  PASS errors: \"0.0%\"",
          Duration.ofMillis(1500));
  private static final RolloutEventView STARTED =
      new RolloutEventView(Instant.ofEpochSecond(1_800_000_000L), "rollout", null, "é ✓", null);

  @Test
  void analysisEvents() throws Exception {
    EventData.Analysis measured =
        new EventData.Analysis(
            42L,
            Instant.parse("2026-12-07T13:11:09.120Z"),
            "steady",
            7,
            6,
            "error_rate",
            "errors",
            0.0125,
            0.05,
            0.0125,
            1.0E-4,
            "canary > 0.05",
            "PASS",
            "sequential test: log-likelihood ratio -3.21 \"quoted\"\nsecond line");
    EventData.Analysis noValues =
        new EventData.Analysis(
            null,
            Instant.ofEpochSecond(1_800_000_000L),
            "smoke",
            3,
            2,
            "query",
            "p99 query",
            null,
            null,
            null,
            null,
            "canary > stable * 1.2",
            "ERROR",
            "");

    for (EventData.Analysis event : new EventData.Analysis[] {measured, noValues}) {
      assertThat(EventJson.analysis(event)).isEqualTo(Json.mapper().writeValueAsString(event));
    }
  }

  @Test
  void rolloutEventsOnTheEventStream() throws Exception {
    for (RolloutEventView event : new RolloutEventView[] {MEASURED, STARTED}) {
      assertThat(EventJson.rollout(12, event))
          .isEqualTo(Json.mapper().writeValueAsString(new EventData.Rollout(12, event)));
    }
  }

  @Test
  void rolloutEventsOnADeploysStream() throws Exception {
    for (RolloutEventView event : new RolloutEventView[] {MEASURED, STARTED}) {
      assertThat(EventJson.streamLine(12, event))
          .isEqualTo(Json.mapper().writeValueAsString(StreamLine.event(12, event)));
    }
  }
}
