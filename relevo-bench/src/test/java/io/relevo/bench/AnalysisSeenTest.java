package io.relevo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.analysis.AnalysisTemplate;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.ConfigLoader;
import io.relevo.core.config.Durations;
import io.relevo.core.store.RolloutEvent;
import io.relevo.core.store.RolloutEvent.Status;
import io.relevo.core.store.RolloutRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisSeenTest {

  private static final AppConfig NO_ANALYSIS_SECTION =
      ConfigLoader.parse(
          "relevo.yml",
          """
          app: shop
          runtime:
            command: ["true"]
          listen: 127.0.0.1:8080
          strategy: canary
          """,
          Map.of());

  @Test
  void theAnalysisNamedByTheEventsIsDescribedByTheTemplateTheConfigResolvesItTo() {
    AnalysisTemplate defaults = AnalysisTemplate.defaults();
    RolloutRecord record =
        record(
            event("weight", Status.OK, "10% of traffic on canary revision 2 (v2)"),
            event("analysis", Status.STARTED, "analysis " + defaults.name() + ": every …"),
            event("analysis", Status.PROGRESS, "analysis " + defaults.name() + " measurement 1"),
            event("analysis", Status.PROGRESS, "analysis " + defaults.name() + " measurement 2"),
            event("analysis", Status.FAILED, "analysis " + defaults.name() + " failed: …"));

    assertThat(AnalysisSeen.in(record, NO_ANALYSIS_SECTION))
        .containsExactly(
            new AnalysisSeen(
                defaults.name(),
                Durations.format(defaults.interval()),
                defaults.judge().name(),
                2));
  }

  @Test
  void aBackgroundAnalysisCountsAsSeenToo() {
    String name = AnalysisTemplate.defaults().name();
    RolloutRecord record =
        record(
            event("analysis", Status.PROGRESS, "background analysis " + name + " measurement 1"));

    assertThat(AnalysisSeen.in(record, NO_ANALYSIS_SECTION))
        .extracting(AnalysisSeen::name, AnalysisSeen::measurements)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(name, 1L));
  }

  @Test
  void aRolloutWithoutAnalysisEventsShowsNone() {
    RolloutRecord record = record(event("switch", Status.OK, "all traffic on revision 2 (v2)"));

    assertThat(AnalysisSeen.in(record, NO_ANALYSIS_SECTION)).isEmpty();
  }

  @Test
  void wordsAfterAnalysisThatNameNoTemplateAreIgnored() {
    RolloutRecord record =
        record(event("analysis", Status.INFO, "analysis paused: waiting for relevo promote"));

    assertThat(AnalysisSeen.in(record, NO_ANALYSIS_SECTION)).isEmpty();
  }

  private static RolloutEvent event(String step, Status status, String message) {
    return new RolloutEvent(Instant.EPOCH, step, status, message, null);
  }

  private static RolloutRecord record(RolloutEvent... events) {
    return new RolloutRecord(
        1,
        "shop",
        RolloutRecord.Kind.DEPLOY,
        1,
        2,
        "canary",
        "bench",
        "",
        Instant.EPOCH,
        Instant.EPOCH,
        RolloutRecord.Outcome.ROLLED_BACK,
        "",
        List.of(events));
  }
}
