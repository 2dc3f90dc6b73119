package io.relevo.bench;

import io.relevo.server.AgentClient;
import io.relevo.server.v1.DeployBody;
import io.relevo.server.v1.RolloutEventListener;
import io.relevo.server.v1.RolloutEventView;
import io.relevo.server.v1.RolloutOutcome;
import io.relevo.server.v1.RolloutView;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * One app of the scale benchmark: its relevo.yml (the tiny backend, a canary that takes 10% and
 * waits there under a background analysis that runs until the rollout ends), its stable deploy, and
 * its canary's deploy stream, counted as it goes.
 */
final class ScaleApp {

  private final String name;
  private final int port;
  private final Path configFile;
  private final String yaml;
  private final CompletableFuture<Void> takesTraffic = new CompletableFuture<>();
  private final CompletableFuture<RolloutView> ended = new CompletableFuture<>();
  private final LongAdder measurements = new LongAdder();

  /**
   * @param port the front door's port: outside the ephemeral range, where the runtime picks the
   *     revisions' ports, so that the two cannot collide
   */
  ScaleApp(String name, int port, Path dir, List<String> command) throws IOException {
    this.name = name;
    this.port = port;
    StringBuilder line = new StringBuilder();
    for (String part : command) {
      line.append(line.isEmpty() ? "" : ", ").append('"').append(part).append('"');
    }
    this.yaml =
        """
        app: %s
        runtime:
          command: [%s]
        listen: 127.0.0.1:%d
        health:
          readiness: {path: /healthz, interval: 200ms, retries: 5, start_period: 10s}
        proxy:
          drain_timeout: 1s
        strategy:
          canary:
            analysis: steady
            steps:
              - weight: 10
              - pause: {}
        analysis:
          steady:
            count: 0
        """
            .formatted(name, line, port);
    this.configFile = Files.writeString(Files.createDirectories(dir).resolve(name + ".yml"), yaml);
  }

  String name() {
    return name;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** Deploys v1; throws unless it was promoted (an app's first deploy switches at once). */
  void deployStable(AgentClient client, Path state) {
    RolloutView record = client.deploy(name, body("v1"), RolloutEventListener.none());
    if (record.outcome() != RolloutOutcome.PROMOTED) {
      throw new IllegalStateException(
          name
              + ": the stable revision v1 did not start ("
              + record.outcome()
              + ": "
              + record.outcomeReason()
              + "); see "
              + state);
    }
  }

  /**
   * Deploys v2 as a canary; returns when the rollout ends (it waits at 10% for a promote that never
   * comes, so only when the benchmark ends it). {@link #takesTraffic()} completes at the canary's
   * first share of traffic.
   */
  void deployCanary(AgentClient client) {
    try {
      RolloutView record = client.deploy(name, body("v2"), this::heard);
      ended.complete(record);
    } catch (RuntimeException e) {
      ended.completeExceptionally(e);
    } finally {
      takesTraffic.completeExceptionally(new IllegalStateException(name + ": rollout ended"));
    }
  }

  private void heard(long rolloutId, RolloutEventView event) {
    if (event.step().equals("weight")
        && event.message() != null
        && !event.message().startsWith("0%")) {
      takesTraffic.complete(null);
    } else if (event.step().equals("analysis")) {
      measurements.increment();
    }
  }

  CompletableFuture<Void> takesTraffic() {
    return takesTraffic;
  }

  /** Whether the canary's rollout is still under way (neither ended nor lost). */
  boolean underWay() {
    return takesTraffic.isDone() && !takesTraffic.isCompletedExceptionally() && !ended.isDone();
  }

  /** How the rollout ended, for a report of a canary that did not stay. */
  String ending() {
    if (!ended.isDone()) {
      return "under way";
    }
    return ended
        .handle((r, e) -> e != null ? e.getMessage() : outcome(r) + ": " + reason(r))
        .join();
  }

  /** Background analysis measurements heard so far. */
  long measurements() {
    return measurements.sum();
  }

  private static String outcome(RolloutView record) {
    return record.outcome() == null
        ? "unfinished"
        : record.outcome().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String reason(RolloutView record) {
    return record.outcomeReason() == null
        ? ""
        : record.outcomeReason().lines().findFirst().orElse("");
  }

  private DeployBody body(String version) {
    return new DeployBody(
        configFile.toString(), yaml, version, "bench", "scale benchmark (" + version + ")");
  }
}
