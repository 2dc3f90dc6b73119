package io.relevo.proxy.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.metrics.LatencySnapshot;
import io.relevo.core.metrics.RevisionStats;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsLineTest {

  private static final ProxyFile PROXY =
      new ProxyFile(42, Instant.parse("2026-12-07T10:00:00Z"), "b");

  private static RevisionStats stats(long requests, LatencyHistogram inFlight) {
    long[] counts = new long[LatencyHistogram.standardBoundsMicros().length];
    counts[3] = requests - 2;
    counts[17] = 2;
    return new RevisionStats(
        requests,
        requests - 3,
        1,
        1,
        1,
        2,
        1,
        new LatencySnapshot(requests, 150, 900, 2500, 7000),
        new LatencyHistogram(LatencyHistogram.standardBoundsMicros(), counts),
        4,
        inFlight);
  }

  @Test
  void theAgentReadsTheSameCountersFromTheCompactAnswerAsFromTheFullOne() throws Exception {
    Map<Integer, RevisionStats> stats =
        Map.of(1, stats(1000, null), 2, stats(50, stats(9, null).histogram()));

    String compact = ProxyJson.MAPPER.writeValueAsString(ControlReply.compact(stats, PROXY));
    String full = ProxyJson.MAPPER.writeValueAsString(ControlReply.of(stats, PROXY));

    ControlReply read = ProxyJson.MAPPER.readValue(compact, ControlReply.class);
    assertThat(read.allStats()).isEqualTo(stats);
    assertThat(read.process().pid())
        .as("the pid, which tells a restart; no start time to parse at every call")
        .isEqualTo(PROXY.pid());
    assertThat(read.process().started()).isNull();
    assertThat(read.stats()).isNull();
    assertThat(compact.length()).isLessThan(full.length() / 5);
  }

  @Test
  void aHistogramOnOtherBoundsTravelsInFull() throws Exception {
    RevisionStats odd =
        new RevisionStats(
            3,
            3,
            0,
            0,
            0,
            0,
            0,
            LatencySnapshot.empty(),
            new LatencyHistogram(new long[] {1000, Long.MAX_VALUE}, new long[] {2, 1}));
    Map<Integer, RevisionStats> stats = Map.of(1, odd, 2, stats(10, null));

    ControlReply read =
        ProxyJson.MAPPER.readValue(
            ProxyJson.MAPPER.writeValueAsString(ControlReply.compact(stats, PROXY)),
            ControlReply.class);

    assertThat(read.stats()).containsOnlyKeys(1);
    assertThat(read.counts()).containsOnlyKeys(2);
    assertThat(read.allStats()).isEqualTo(stats);
  }

  @Test
  void anAgentReadsTheAnswerOfAnOlderProxyThatSendsOnlyStats() throws Exception {
    // an older proxy ignores compactStats and answers as before, with every null field written
    Map<Integer, RevisionStats> stats = Map.of(1, stats(1000, null));
    String old =
        ProxyJson.MAPPER
            .writeValueAsString(ControlReply.of(stats, PROXY))
            .replaceFirst("^\\{", "{\"split\":null,\"drain\":null,\"handoff\":null,");

    assertThat(ProxyJson.MAPPER.readValue(old, ControlReply.class).allStats()).isEqualTo(stats);
  }

  @Test
  void aRequestOfAnOlderAgentAsksForTheFullForm() throws Exception {
    ControlRequest old =
        ProxyJson.MAPPER.readValue("{\"op\":\"STATS\",\"app\":\"shop\"}", ControlRequest.class);
    ControlRequest now =
        ProxyJson.MAPPER.readValue(
            ProxyJson.MAPPER.writeValueAsString(ControlRequest.stats("shop")),
            ControlRequest.class);

    assertThat(old.compactStats()).isFalse();
    assertThat(now.compactStats()).isTrue();
    assertThat(now.app()).isEqualTo("shop");
  }

  @Test
  void aBucketOutsideTheStandardBoundsIsRefused() {
    StatsLine line = new StatsLine(new long[8], LatencySnapshot.empty(), new long[] {82, 1}, null);

    assertThatThrownBy(line::toStats)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("histogram: bucket 82 (expected: 0 to 81)");
  }

  @Test
  void aLineFromANewerProxyWithFieldsThisAgentDoesNotKnowIsReadAsBefore() throws Exception {
    String newer =
        "{\"counters\":[5,4,0,0,1,0,0,0],\"sampled\":{\"a\":[1,2]},"
            + "\"latency\":{\"count\":5,\"p50Micros\":100,\"p95Micros\":200,"
            + "\"p99Micros\":300,\"maxMicros\":400,\"p999Micros\":350},"
            + "\"histogram\":[3,4,20,1],\"inFlight\":null}";

    StatsLine line = ProxyJson.MAPPER.readValue(newer, StatsLine.class);

    assertThat(line.counters()).containsExactly(5, 4, 0, 0, 1, 0, 0, 0);
    assertThat(line.latency()).isEqualTo(new LatencySnapshot(5, 100, 200, 300, 400));
    assertThat(line.histogram()).containsExactly(3, 4, 20, 1);
    assertThat(line.inFlight()).isNull();
  }

  @Test
  void aLineWithoutItsCountersIsRefusedWithWhatIsMissing() {
    assertThatThrownBy(
            () ->
                ProxyJson.MAPPER.readValue(
                    "{\"latency\":{\"count\":1},\"histogram\":[]}", StatsLine.class))
        .hasMessageContaining("counters: null (expected: 8 values)");
    assertThatThrownBy(
            () -> ProxyJson.MAPPER.readValue("{\"counters\":[1,\"x\"]}", StatsLine.class))
        .hasMessageContaining("VALUE_STRING where VALUE_NUMBER_INT was expected");
  }
}
