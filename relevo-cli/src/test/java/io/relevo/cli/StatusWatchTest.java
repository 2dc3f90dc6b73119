package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.relevo.core.engine.AppStatus;
import io.relevo.core.engine.RolloutProgress;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Endpoint;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.store.Revision;
import io.relevo.core.store.RolloutRecord;
import io.relevo.server.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relevo status APP} with a canary under way, once and with {@code --watch}. */
class StatusWatchTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final Endpoint STABLE_AT = new Endpoint("127.0.0.1", 41000);
  private static final Endpoint CANARY_AT = new Endpoint("127.0.0.1", 41001);
  private static final Revision STABLE = revision(2, "1.1.0", Revision.State.SERVING, STABLE_AT);
  private static final Revision CANARY = revision(3, "1.2.0", Revision.State.SERVING, CANARY_AT);
  private static final RolloutRecord RUNNING =
      new RolloutRecord(
          8,
          "shop",
          RolloutRecord.Kind.DEPLOY,
          2,
          3,
          "canary",
          "ana",
          "",
          T0,
          null,
          RolloutRecord.Outcome.RUNNING,
          null,
          List.of());
  private static final String ERROR_RATE =
      "error-rate: canary 0.4% vs stable 0.3% (fail if canary - stable > 0.05), 812 vs 7301 requests";
  private static final AppStatus IN_CANARY =
      new AppStatus(
          "shop",
          "production",
          "127.0.0.1:8080",
          STABLE,
          List.of(CANARY, STABLE),
          new TrafficSplit(
              List.of(
                  new TrafficSplit.Backend(2, STABLE_AT, 90),
                  new TrafficSplit.Backend(3, CANARY_AT, 10))),
          RUNNING,
          new RolloutProgress(3, 6, "analysis default (2/5)", 10, false, List.of(ERROR_RATE)));
  private static final AppStatus AT_REST =
      new AppStatus(
          "cart",
          "production",
          "127.0.0.1:8081",
          STABLE,
          List.of(STABLE),
          TrafficSplit.all(2, STABLE_AT),
          null,
          null);

  @TempDir Path stateDir;
  private StandInAgent agent;

  @BeforeEach
  void startStandIn() throws Exception {
    agent =
        StandInAgent.start(stateDir)
            .answer("GET /api/v1/apps/shop", 200, IN_CANARY)
            .answer("GET /api/v1/apps/cart", 200, AT_REST);
  }

  @AfterEach
  void stopStandIn() {
    agent.close();
  }

  @Test
  void statusOfAnAppInACanaryShowsTheSplitWithVersionsTheStepAndEachMetric() {
    CliRun run = cli("status", "shop");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    List<String> lines = run.out().lines().toList();
    assertThat(lines)
        .containsSubsequence(
            "REVISION  VERSION  WEIGHT  ENDPOINT",
            "2         1.1.0    90%     127.0.0.1:41000",
            "3         1.2.0    10%     127.0.0.1:41001",
            "",
            "step 3/6: analysis default (2/5), canary at 10%",
            "  " + ERROR_RATE);
    assertThat(lines).contains("rollout:  8 deploy to 3 (canary) since " + Formats.time(T0));
  }

  @Test
  void aPausedRolloutSaysItWaitsForPromoteAndHowToGoOn() {
    agent.answer(
        "GET /api/v1/apps/shop",
        200,
        withProgress(new RolloutProgress(2, 6, "pause", 10, true, List.of())));

    CliRun run = cli("status", "shop");

    assertThat(run.out())
        .contains("step 2/6: pause, paused: waiting for relevo promote")
        .contains("`relevo promote shop`")
        .contains("`relevo abort shop`");
  }

  @Test
  void statusWithoutARolloutShowsTheSplitAndSaysNoneIsUnderWay() {
    CliRun run = cli("status", "cart");

    assertThat(run.out().lines().toList())
        .containsSubsequence(
            "2         1.1.0    100%    127.0.0.1:41000", "", "no rollout under way");
  }

  @Test
  void watchForABoundedTimePrintsOneBlockPerIntervalWhenNotATerminal() {
    long start = System.nanoTime();

    CliRun run = cli("status", "shop", "--watch", "--interval", "100ms", "--for", "450ms");

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
    List<String> headers = run.out().lines().filter(l -> l.startsWith("--- ")).toList();
    assertThat(headers)
        .hasSizeBetween(2, 5) // at 0, 100, … 400ms; fewer on a slow machine
        .allSatisfy(h -> assertThat(h).startsWith("--- relevo status shop every 100ms, at "));
    assertThat(run.out()).doesNotContain("\033[");
    assertThat(run.out().split("step 3/6: analysis default", -1)).hasSize(headers.size() + 1);
  }

  @Test
  void watchOnATerminalClearsTheScreenBeforeEachFrame() {
    StringWriter out = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "status",
              "shop",
              "--watch",
              "--interval",
              "50ms",
              "--for",
              "120ms",
              "--state-dir",
              stateDir.toString()
            },
            new CliContext(
                Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter()), true));

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).startsWith("\033[H\033[2J").contains("(Ctrl-C to stop)");
    assertThat(out.toString().split("\033\\[H", -1).length - 1).isBetween(2, 3); // at 0, 50, 100ms
  }

  @Test
  void watchAsJsonPrintsOneAppStatusPerLinePerInterval() throws Exception {
    CliRun run =
        cli("status", "shop", "--watch", "-o", "json", "--interval", "100ms", "--for", "250ms");

    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSizeBetween(2, 3); // at 0, 100 and 200ms
    for (String line : lines) {
      assertThat(Json.mapper().readValue(line, AppStatus.class)).isEqualTo(IN_CANARY);
    }
  }

  @Test
  void watchReadsTheEventStreamAndResumesAfterTheLastIdWhenItEnds() throws Exception {
    agent.events(
        "GET /api/v1/apps/shop/events",
        new Object[] {"b1:4", "status", IN_CANARY},
        new Object[] {"b1:5", "weights", Map.of("weights", List.of())},
        new Object[] {"b1:5", "status", AT_REST});

    CliRun run = cli("status", "shop", "--watch", "-o", "json", "--for", "1200ms");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(4); // two statuses per stream, two streams
    assertThat(Json.mapper().readValue(lines.get(0), AppStatus.class)).isEqualTo(IN_CANARY);
    assertThat(Json.mapper().readValue(lines.get(1), AppStatus.class)).isEqualTo(AT_REST);
    assertThat(agent.received())
        .filteredOn(r -> r.startsWith("GET /api/v1/apps/shop/events"))
        .startsWith(
            "GET /api/v1/apps/shop/events", "GET /api/v1/apps/shop/events Last-Event-ID: b1:5");
    assertThat(agent.received()).doesNotContain("GET /api/v1/apps/shop");
  }

  @Test
  void watchOnATerminalDrawsEachStatusFromTheStream() {
    agent.events("GET /api/v1/apps/shop/events", new Object[] {"b1:4", "status", IN_CANARY});
    StringWriter out = new StringWriter();

    int code =
        Main.run(
            new String[] {
              "status", "shop", "--watch", "--for", "300ms", "--state-dir", stateDir.toString()
            },
            new CliContext(
                Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter()), true));

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .startsWith("\033[H\033[2J")
        .contains("relevo status shop, live, at ")
        .contains("step 3/6: analysis default (2/5), canary at 10%");
  }

  @Test
  void watchEndsWithAClearMessageWhenTheAgentGoesAway() throws Exception {
    agent.events("GET /api/v1/apps/shop/events", new Object[] {"b1:4", "status", IN_CANARY});
    java.util.concurrent.CompletableFuture<CliRun> run =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> cli("status", "shop", "--watch"));
    org.awaitility.Awaitility.await()
        .until(() -> agent.received().stream().filter(r -> r.contains("/events")).count() >= 2);

    agent.close();

    CliRun ended = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(ended.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(ended.err()).contains("went away; stopped watching shop");
    assertThat(ended.out()).contains("step 3/6: analysis default (2/5)");
  }

  @Test
  void watchNeedsAnAppAndADurationWithAUnit() {
    CliRun noApp = cli("status", "--watch", "--for", "1s");
    CliRun noUnit = cli("status", "shop", "--watch", "--interval", "1");

    assertThat(noApp.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(noApp.err()).contains("--watch: no APP");
    assertThat(noUnit.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(noUnit.err()).contains("\"1\" (expected: a duration with a unit, like 1s or 1ms)");
  }

  @Test
  void theAppsTableShowsTheStepOfARolloutUnderWay() {
    agent.answer("GET /api/v1/apps", 200, List.of(IN_CANARY, AT_REST));

    CliRun run = cli("status");

    assertThat(run.out()).contains("2:90% 3:10%").contains("8 to 3 step 3/6");
  }

  private CliRun cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--state-dir";
    all[args.length + 1] = stateDir.toString();
    return CliRun.of(Map.of(), all);
  }

  private static AppStatus withProgress(RolloutProgress progress) {
    return new AppStatus(
        IN_CANARY.app(),
        IN_CANARY.env(),
        IN_CANARY.listen(),
        IN_CANARY.stable(),
        IN_CANARY.running(),
        IN_CANARY.split(),
        IN_CANARY.activeRollout(),
        progress);
  }

  private static Revision revision(int number, String version, Revision.State state, Endpoint at) {
    return new Revision(
        "shop",
        number,
        version,
        "h",
        "app: shop",
        "/srv/shop/relevo.yml",
        state,
        new InstanceRecord(String.valueOf(4000 + number), at.host(), at.port(), 0),
        T0,
        null,
        null);
  }
}
