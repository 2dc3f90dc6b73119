package io.relevo.cli.demo;

import io.relevo.core.config.HostPort;
import io.relevo.server.Agent;
import io.relevo.server.AgentClient;
import io.relevo.server.AgentOptions;
import io.relevo.server.StateDir;
import io.relevo.server.v1.DeployBody;
import io.relevo.server.v1.RollbackBody;
import io.relevo.server.v1.RolloutOutcome;
import io.relevo.server.v1.RolloutView;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The demo: an agent in a temporary state folder ships the example booking service version after
 * version under steady load, refuses a version that never gets ready, and rolls back in one step.
 * It passes only when no user request failed.
 */
public final class Demo {

  private static final String APP = "alojamientos";
  private static final Duration STEADY = Duration.ofSeconds(2);

  private final PrintWriter out;
  private final List<DemoStep> steps = new ArrayList<>();

  public Demo(PrintWriter out) {
    this.out = out;
  }

  /** Runs the demo and returns true when every step went as expected with no failed request. */
  public boolean run() throws IOException, InterruptedException {
    Path home = Files.createTempDirectory("relevo-demo-");
    int port = freePort();
    Path config = DemoConfig.write(home, port);
    out.println("relevo demo: state in " + home + ", app on http://127.0.0.1:" + port + "/");
    try (Agent agent =
        Agent.start(
            new AgentOptions(new StateDir(home.resolve("state")), new HostPort("127.0.0.1", 0)))) {
      AgentClient client = AgentClient.locate(agent.stateDir(), null, Map.of());
      String configText = Files.readString(config);
      step(
          "deploy v1 (first deploy)",
          "promoted",
          null,
          () -> deploy(client, config, configText, "v1"));
      try (LoadGenerator load =
          new LoadGenerator(
              URI.create("http://127.0.0.1:" + port + "/api/v1/accommodations"),
              2,
              Duration.ofMillis(5),
              Duration.ofMinutes(2))) {
        step("steady traffic on v1", "ok", load, () -> idle(STEADY));
        step(
            "deploy v2 (blue-green, under load)",
            "promoted",
            load,
            () -> deploy(client, config, configText, "v2"));
        step(
            "deploy v3-notready (never ready, --force)",
            "failed",
            load,
            () ->
                deploy(
                    client,
                    config,
                    configText,
                    "v3-notready",
                    "demo: a release that never gets ready, during v2's watch after promotion"));
        step("steady traffic on v2", "ok", load, () -> idle(STEADY));
        step(
            "rollback to v1 (one command)",
            "restored",
            load,
            () ->
                outcome(
                    client.rollback(
                        APP,
                        new RollbackBody(1, "demo", "demo: back to v1"),
                        (id, event) -> progress(event.step(), event.message()))));
        step("steady traffic on v1", "ok", load, () -> idle(STEADY));
        canaryAct(client, home, port, load);
        step("steady traffic on v1", "ok", load, () -> idle(STEADY));
        load.close();
        if (load.totalFailed() > 0) {
          out.println("failed requests, first few: " + load.firstFailures());
        }
      }
      client.stop(APP, "demo");
    }
    DemoReport.print(steps, out);
    boolean passed = steps.stream().allMatch(DemoStep::asExpected);
    out.println(
        passed
            ? "demo passed: every rollout did what it should; no user request failed outside the bad"
                + " canary's 10% sliver, which the analysis rolled back by itself"
            : "demo FAILED: see the rows marked with ! or with failures they should not have; logs in "
                + home);
    return passed;
  }

  private void step(String name, String expected, LoadGenerator load, Supplier<String> action) {
    step(name, expected, load, 0, action);
  }

  /** A step; {@code allowedShare} of its requests may fail (a bad canary's sliver), rounded up. */
  private void step(
      String name,
      String expected,
      LoadGenerator load,
      double allowedShare,
      Supplier<String> action) {
    out.println("--> " + name);
    if (load != null) {
      load.sinceLastMark();
    }
    long start = System.nanoTime();
    String outcome = action.get();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    long[] counts = load == null ? new long[] {0, 0} : load.sinceLastMark();
    steps.add(
        new DemoStep(
            name,
            expected,
            outcome,
            took,
            counts[0],
            counts[1],
            (long) Math.ceil(counts[0] * allowedShare)));
  }

  /**
   * A canary with 20% errors takes 10% of live traffic and is rolled back by the analysis alone. At
   * most 2% of requests can fail meanwhile (20% of 10%); the step allows 5% for timing noise.
   */
  private void canaryAct(AgentClient client, Path home, int port, LoadGenerator load)
      throws IOException {
    Path config = DemoConfig.writeCanary(home, port);
    String text = Files.readString(config);
    RolloutView[] result = new RolloutView[1];
    step(
        "canary v4-err20 at 10% (auto rollback)",
        "rolled_back",
        load,
        0.05,
        () -> {
          result[0] =
              client.deploy(
                  APP,
                  new DeployBody(config.toString(), text, "v4-err20", "demo", "demo"),
                  (id, event) -> progress(event.step(), event.message()));
          return outcome(result[0]);
        });
    DemoStep row = steps.get(steps.size() - 1);
    CanaryTimeline.of(result[0])
        .ifPresent(
            timeline ->
                out.printf(
                    java.util.Locale.ROOT,
                    "    canary took traffic for %.1fs before the analysis rolled it back (decision to traffic back"
                        + " on stable: %s); %d of %d user requests failed during the act (%.2f%%)%n",
                    timeline.exposure().toMillis() / 1000.0,
                    timeline.switchBack(),
                    row.failed(),
                    row.requests(),
                    row.requests() == 0 ? 0 : 100.0 * row.failed() / row.requests()));
  }

  private String deploy(AgentClient client, Path config, String text, String version) {
    return deploy(client, config, text, version, null);
  }

  /** A deploy; with a {@code forceReason}, past the watch after the last promotion. */
  private String deploy(
      AgentClient client, Path config, String text, String version, String forceReason) {
    DeployBody body =
        forceReason == null
            ? new DeployBody(config.toString(), text, version, "demo", "demo")
            : new DeployBody(config.toString(), text, version, "demo", forceReason, true);
    RolloutView rollout =
        client.deploy(APP, body, (id, event) -> progress(event.step(), event.message()));
    if (rollout.outcome() != RolloutOutcome.PROMOTED) {
      out.println("    refused: " + rollout.outcomeReason().lines().findFirst().orElse(""));
    }
    return outcome(rollout);
  }

  private void progress(String step, String message) {
    out.println("    " + step + ": " + message.lines().findFirst().orElse(""));
  }

  private static String outcome(RolloutView rollout) {
    return rollout.outcome().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String idle(Duration duration) {
    try {
      Thread.sleep(duration);
      return "ok";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
