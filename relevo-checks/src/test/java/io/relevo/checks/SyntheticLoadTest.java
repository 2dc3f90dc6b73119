package io.relevo.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relevo.core.analysis.LoadSpec;
import io.relevo.core.load.SyntheticLoad;
import io.relevo.core.metrics.RevisionStats;
import io.relevo.core.runtime.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real load against real HTTP servers on loopback; timings are loose for a busy 2-core machine. */
class SyntheticLoadTest {

  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : opened.reversed()) {
      closeable.close();
    }
  }

  private <T extends AutoCloseable> T open(T closeable) {
    opened.add(closeable);
    return closeable;
  }

  private static LoadSpec get(double rate) {
    return new LoadSpec(rate, "GET", "/api/v1/healthz", Map.of());
  }

  private SyntheticLoad.Running start(
      SyntheticLoad load, LoadSpec spec, Map<Integer, Endpoint> targets) {
    return open(load.start("shop", spec, targets));
  }

  @Test
  void eachTargetGetsTheRateAndEveryAnswerIsCounted() throws Exception {
    LoadBackend stable = open(LoadBackend.answering(200));
    LoadBackend canary = open(LoadBackend.answering(200));
    SyntheticLoad.Running running =
        start(Loads.http(), get(50), Map.of(1, stable.endpoint(), 2, canary.endpoint()));

    Thread.sleep(1_000);
    running.close();

    for (int revision : List.of(1, 2)) {
      LoadBackend backend = revision == 1 ? stable : canary;
      assertThat(backend.received()).as("requests to revision %d", revision).isBetween(40, 60);
      RevisionStats stats = running.snapshot("shop", revision);
      assertThat(stats.requests()).isBetween(40L, 60L).isLessThanOrEqualTo(backend.received());
      assertThat(stats.status2xx()).isEqualTo(stats.requests());
      assertThat(stats.errors()).isZero();
      assertThat(stats.histogram().totalCount()).isEqualTo(stats.requests());
      assertThat(stats.latency().count()).isEqualTo(stats.requests());
      assertThat(stats.latency().p50Micros()).isPositive().isLessThan(1_000_000);
    }
  }

  @Test
  void answersOf500AreCountedAsTheRevisionsErrors() {
    LoadBackend failing = open(LoadBackend.answering(500));
    SyntheticLoad.Running running = start(Loads.http(), get(20), Map.of(7, failing.endpoint()));

    await().atMost(Duration.ofSeconds(5)).until(() -> running.snapshot("shop", 7).requests() >= 5);

    RevisionStats stats = running.snapshot("shop", 7);
    assertThat(stats.status5xx()).isEqualTo(stats.requests());
    assertThat(stats.errorRate()).isEqualTo(1.0);
  }

  @Test
  void aPortWhereNothingListensCountsConnectionFailures() {
    SyntheticLoad.Running running =
        start(Loads.http(), get(20), Map.of(3, LoadBackend.closedPort()));

    await().atMost(Duration.ofSeconds(5)).until(() -> running.snapshot("shop", 3).requests() >= 5);

    RevisionStats stats = running.snapshot("shop", 3);
    assertThat(stats.connectFailures()).isEqualTo(stats.requests());
    assertThat(stats.timeouts()).isZero();
    assertThat(stats.latency().count()).isZero();
  }

  @Test
  void closeStopsSendingWithinASecondAndTwiceIsHarmless() throws Exception {
    LoadBackend backend = open(LoadBackend.answering(200));
    SyntheticLoad.Running running = start(Loads.http(), get(100), Map.of(1, backend.endpoint()));
    await().atMost(Duration.ofSeconds(5)).until(() -> backend.received() >= 10);

    long began = System.nanoTime();
    running.close();
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));

    Thread.sleep(200);
    int afterClose = backend.received();
    Thread.sleep(500);
    assertThat(backend.received()).isEqualTo(afterClose);
    running.close();
    assertThat(running.snapshot("shop", 1).requests()).isBetween(10L, (long) afterClose);
  }

  @Test
  void requestsInFlightAreCappedAndTheSkippedOnesCountAsTimeouts() {
    LoadBackend silent = open(LoadBackend.silent());
    SyntheticLoad load = new HttpSyntheticLoad(Duration.ofSeconds(10), Duration.ofHours(1), 5);
    SyntheticLoad.Running running = start(load, get(50), Map.of(1, silent.endpoint()));

    await().atMost(Duration.ofSeconds(5)).until(() -> running.snapshot("shop", 1).timeouts() >= 20);

    RevisionStats stats = running.snapshot("shop", 1);
    assertThat(silent.mostOpen()).isLessThanOrEqualTo(5);
    assertThat(silent.received()).isLessThanOrEqualTo(5);
    assertThat(stats.timeouts()).isEqualTo(stats.requests());
    assertThat(stats.inFlight().totalCount()).isBetween(1L, 5L);

    long began = System.nanoTime();
    running.close();
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMillis(1_500));
  }

  @Test
  void aRequestUnansweredPastTheTimeoutCountsAsATimeout() {
    LoadBackend silent = open(LoadBackend.silent());
    SyntheticLoad load = new HttpSyntheticLoad(Duration.ofMillis(300), Duration.ofHours(1), 100);
    SyntheticLoad.Running running = start(load, get(10), Map.of(1, silent.endpoint()));

    // At most 3 open (10/s × 0.3 s): more than that arriving means the first ones timed out.
    await().atMost(Duration.ofSeconds(5)).until(() -> silent.received() >= 6);

    RevisionStats stats = running.snapshot("shop", 1);
    assertThat(stats.timeouts()).isGreaterThanOrEqualTo(3);
    assertThat(stats.connectFailures()).isZero();
    assertThat(stats.status2xx()).isZero();
  }

  @Test
  void theConfiguredMethodPathAndHeadersArriveWithTheSyntheticMark() {
    LoadBackend backend = open(LoadBackend.answering(204));
    LoadSpec spec =
        new LoadSpec(20, "POST", "/api/v1/ping?from=relevo", Map.of("X-Synthetic", "1"));
    start(Loads.http(), spec, Map.of(1, backend.endpoint()));

    await().atMost(Duration.ofSeconds(5)).until(() -> backend.last() != null);

    LoadBackend.Seen seen = backend.last();
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.pathAndQuery()).isEqualTo("/api/v1/ping?from=relevo");
    assertThat(seen.headers().getFirst("X-Synthetic")).isEqualTo("1");
    assertThat(seen.headers().getFirst("X-Relevo-Synthetic")).isEqualTo("1");
  }

  @Test
  void latencyIsMeasuredToTheLastByteOfTheBody() {
    LoadBackend slow = open(LoadBackend.slowBody(200));
    SyntheticLoad.Running running = start(Loads.http(), get(5), Map.of(1, slow.endpoint()));

    await().atMost(Duration.ofSeconds(5)).until(() -> running.snapshot("shop", 1).requests() >= 2);

    RevisionStats stats = running.snapshot("shop", 1);
    // Every answer took 200 ms from headers to body; timing the headers alone would read ~0.
    // The median is interpolated inside its histogram bucket, so it may sit below 200 ms.
    assertThat(stats.latency().maxMicros()).isGreaterThanOrEqualTo(200_000);
    assertThat(stats.latency().p50Micros()).isGreaterThanOrEqualTo(150_000);
    assertThat(stats.histogram().quantileMicros(0.5)).isGreaterThanOrEqualTo(150_000);
  }

  @Test
  void aLoadNobodyClosesStopsByItselfAfterItsLongestRun() throws Exception {
    LoadBackend backend = open(LoadBackend.answering(200));
    SyntheticLoad load = new HttpSyntheticLoad(Duration.ofSeconds(10), Duration.ofMillis(300), 100);
    SyntheticLoad.Running running = start(load, get(50), Map.of(1, backend.endpoint()));

    await().atMost(Duration.ofSeconds(5)).until(() -> loadThread().isEmpty());

    int stopped = backend.received();
    Thread.sleep(300);
    assertThat(backend.received()).isEqualTo(stopped).isBetween(5, 40);
    assertThat(running.snapshot("shop", 1).requests()).isPositive();
  }

  @Test
  void itsThreadIsADaemonNamedForTheAppAndEndsOnClose() {
    LoadBackend backend = open(LoadBackend.answering(200));
    SyntheticLoad.Running running = start(Loads.http(), get(10), Map.of(1, backend.endpoint()));

    assertThat(loadThread()).hasValueSatisfying(thread -> assertThat(thread.isDaemon()).isTrue());

    running.close();
    await().atMost(Duration.ofSeconds(2)).until(() -> loadThread().isEmpty());
  }

  @Test
  void revisionsAndAppsNotUnderLoadReadEmpty() {
    LoadBackend backend = open(LoadBackend.answering(200));
    SyntheticLoad.Running running = start(Loads.http(), get(10), Map.of(1, backend.endpoint()));
    await().atMost(Duration.ofSeconds(5)).until(() -> running.snapshot("shop", 1).requests() >= 1);

    assertThat(running.snapshot("shop", 2)).isEqualTo(RevisionStats.empty());
    assertThat(running.snapshot("blog", 1)).isEqualTo(RevisionStats.empty());
  }

  @Test
  void noLoadSendsNothing() throws Exception {
    LoadBackend backend = open(LoadBackend.answering(200));
    SyntheticLoad.Running running =
        start(Loads.http(), LoadSpec.NONE, Map.of(1, backend.endpoint()));

    Thread.sleep(200);

    assertThat(backend.received()).isZero();
    assertThat(running.snapshot("shop", 1)).isEqualTo(RevisionStats.empty());
    assertThat(loadThread()).isEmpty();
  }

  private static Optional<Thread> loadThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("relevo-load-shop") && thread.isAlive())
        .findFirst();
  }
}
