package io.relevo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.relevo.core.config.HostPort;
import io.relevo.core.testing.SteadyLoad;
import io.relevo.docker.DockerHost;
import io.relevo.server.v1.AppView;
import io.relevo.server.v1.DeployBody;
import io.relevo.server.v1.EventStatus;
import io.relevo.server.v1.RevisionView;
import io.relevo.server.v1.RollbackBody;
import io.relevo.server.v1.RolloutEventListener;
import io.relevo.server.v1.RolloutEventView;
import io.relevo.server.v1.RolloutOutcome;
import io.relevo.server.v1.RolloutView;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtime.type: docker} end to end, against a real engine: the real agent and its client,
 * the demo app as a container image built from scratch, traffic through the agent's proxy.
 */
class DockerEndToEndIT {

  @TempDir static Path imageDir;
  @TempDir Path dir;

  private static DockerClient docker;

  private final String app =
      "dock-e2e-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  private final List<Agent> agents = new ArrayList<>();
  private int listenPort;
  private Path configFile;

  @BeforeAll
  static void buildImage() throws Exception {
    DockerHost host = DockerEngineCheck.requireEngine();
    docker =
        DockerClientImpl.getInstance(
            DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host.uri().toString())
                .build(),
            new ZerodepDockerHttpClient.Builder().dockerHost(host.uri()).build());
    DemoAppImage.ensure(docker, imageDir, "v1", "v2", "v3-notready", "v2-err20");
  }

  @AfterAll
  static void closeClient() throws IOException {
    if (docker != null) {
      docker.close();
    }
  }

  @AfterEach
  void stopEverything() {
    for (Agent agent : agents) {
      agent.close();
    }
    if (docker != null) {
      // Whatever the test left, however it ended: nothing of this app outlives it.
      for (Container container : containers()) {
        docker.removeContainerCmd(container.getId()).withForce(true).exec();
      }
    }
  }

  @Test
  void shipsWithoutAFailedRequestRefusesANeverReadyImageAndRollsBackWarmAndCold() throws Exception {
    AgentClient client = client(startAgent());

    RolloutView v1 = deploy(client, "v1");
    assertThat(v1.outcome()).as(v1.outcomeReason()).isEqualTo(RolloutOutcome.PROMOTED);
    String v1Container = stable(client).instance().id();
    InspectContainerResponse r1 = docker.inspectContainerCmd(v1Container).exec();
    assertThat(r1.getName()).isEqualTo("/relevo-" + app + "-r1");
    assertThat(r1.getConfig().getLabels())
        .containsEntry("io.relevo.app", app)
        .containsEntry("io.relevo.revision", "1")
        .containsEntry("io.relevo.version", "v1")
        .containsEntry("team", "booking");
    assertThat(r1.getHostConfig().getMemory()).isEqualTo(256L << 20);
    assertThat(versionServed()).isEqualTo("v1");

    SteadyLoad load = SteadyLoad.start(listenPort);
    try {
      RolloutView v2 = deploy(client, "v2");
      assertThat(v2.outcome()).as(v2.outcomeReason()).isEqualTo(RolloutOutcome.PROMOTED);
      String v2Container = stable(client).instance().id();
      assertThat(v2Container).isNotEqualTo(v1Container);
      await().atMost(Duration.ofSeconds(5)).until(() -> versionServed().equals("v2"));

      RolloutView v3 = deploy(client, "v3-notready");
      assertThat(v3.outcome()).isEqualTo(RolloutOutcome.FAILED);
      assertThat(v3.outcomeReason())
          .contains("revision 3 (v3-notready) is unhealthy")
          .contains("traffic stays on revision 2 (v2)");
      assertThat(stable(client).number()).isEqualTo(2);
      assertThat(stable(client).instance().id()).as("stable untouched").isEqualTo(v2Container);
      assertThat(container("relevo-" + app + "-r3"))
          .as("the refused container is removed")
          .isEmpty();

      RolloutView warm =
          client.rollback(
              app, new RollbackBody(null, "it", "errors after v2"), RolloutEventListener.none());
      assertThat(warm.outcome()).as(warm.outcomeReason()).isEqualTo(RolloutOutcome.RESTORED);
      assertThat(warm.strategy()).isEqualTo("switch");
      assertThat(stable(client).instance().id())
          .as("the warm container took traffic back")
          .isEqualTo(v1Container);
      assertThat(versionServed()).isEqualTo("v1");
      assertThat(container(v2Container)).as("the revision rolled back from is removed").isEmpty();

      RolloutView cold =
          client.rollback(
              app, new RollbackBody(2, "it", "v2 after all"), RolloutEventListener.none());
      assertThat(cold.outcome()).as(cold.outcomeReason()).isEqualTo(RolloutOutcome.RESTORED);
      assertThat(cold.strategy()).isEqualTo("restart");
      assertThat(cold.events())
          .as("revision 2 was rolled back just before")
          .anyMatch(e -> e.status() == EventStatus.WARNING);
      assertThat(stable(client).instance().id())
          .as("a new container for revision 2")
          .isNotEqualTo(v2Container);
      assertThat(versionServed()).isEqualTo("v2");
    } finally {
      load.close();
    }
    assertThat(load.sent.get()).isGreaterThan(50);
    assertThat(load.failed.get()).as("failed requests out of %d", load.sent.get()).isZero();

    List<String> lines = new ArrayList<>();
    client.logs(app, 1, 100, false, lines::add);
    assertThat(String.join("\n", lines))
        .contains("started container relevo-" + app + "-r1")
        .contains("alojamientos v1 listening on 0.0.0.0:" + DemoAppImage.PORT);
  }

  @Test
  void aRestartedAgentReadoptsTheRunningContainerAndServesThroughIt() throws Exception {
    Agent first = startAgent();
    RolloutView v1 = deploy(client(first), "v1");
    assertThat(v1.outcome()).as(v1.outcomeReason()).isEqualTo(RolloutOutcome.PROMOTED);
    String containerId = stable(client(first)).instance().id();

    first.close();
    assertThat(container(containerId).map(c -> c.getState().getRunning()))
        .as("the container outlives the agent")
        .contains(true);
    // A container with the app's labels that no revision claims, as a crash between create and
    // record would leave: reported by the next agent, never stopped by it.
    String stray =
        docker
            .createContainerCmd(DemoAppImage.REPOSITORY + ":v1")
            .withName("relevo-" + app + "-r9")
            .withLabels(
                Map.of("io.relevo.app", app, "io.relevo.revision", "9", "io.relevo.version", "v1"))
            .exec()
            .getId();
    docker.startContainerCmd(stray).exec();

    AgentClient client = client(startAgent());
    RevisionView readopted = stable(client);
    assertThat(readopted.number()).isEqualTo(1);
    assertThat(readopted.instance().id()).isEqualTo(containerId);
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> versionServed().equals("v1"));

    assertThat(container(stray).map(c -> c.getState().getRunning())).as("the stray").contains(true);

    client.stop(app, "it");
    await().atMost(Duration.ofSeconds(15)).until(() -> container(containerId).isEmpty());
    assertThat(container(stray).map(c -> c.getState().getRunning()))
        .as("stopping the app leaves what is not its revision")
        .contains(true);
  }

  @Test
  void aCanaryContainerWithErrorsIsRolledBackByLiveTrafficAnalysisAndRemoved() throws Exception {
    listenPort = freePort();
    configFile = writeCanaryConfig();
    AgentClient client = client(startAgent());
    RolloutView v1 = deploy(client, "v1");
    assertThat(v1.outcome()).as(v1.outcomeReason()).isEqualTo(RolloutOutcome.PROMOTED);
    String v1Container = stable(client).instance().id();

    try (SteadyLoad load = SteadyLoad.start(listenPort)) {
      Thread.sleep(1_000);

      RolloutView bad = deploy(client, "v2-err20");

      assertThat(bad.outcome()).as(bad.outcomeReason()).isEqualTo(RolloutOutcome.ROLLED_BACK);
      assertThat(bad.outcomeReason())
          .contains("analysis fast failed")
          .contains("error-rate: canary")
          .contains("traffic is back on revision 1 (v1)");
      Instant firstWeight = at(bad, "weight");
      Instant abort = at(bad, "abort");
      Thread.sleep(500);
      long canary = load.answersFrom("v2-err20");
      System.out.printf(
          "docker bad canary: exposed %d ms, %d requests answered by it (%d failed of %d"
              + " in all); last canary answer %d ms after the abort event%n",
          Duration.between(firstWeight, abort).toMillis(),
          canary,
          load.failed.get(),
          load.sent.get(),
          Duration.between(abort, load.lastAnswerFrom("v2-err20")).toMillis());
      assertThat(canary).as("requests the canary answered").isPositive();
      assertThat(load.failed.get())
          .as("failed requests, all of them the canary's")
          .isLessThanOrEqualTo(canary);
      assertThat(load.lastAnswerFrom("v2-err20")).isBefore(abort.plusMillis(200));
      assertThat(load.lastVersion.get()).isEqualTo("v1");
    }
    assertThat(stable(client).number()).isEqualTo(1);
    assertThat(stable(client).instance().id()).as("stable untouched").isEqualTo(v1Container);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> container("relevo-" + app + "-r2").isEmpty());
    assertThat(versionServed()).isEqualTo("v1");
  }

  private Agent startAgent() throws IOException {
    if (configFile == null) {
      listenPort = freePort();
      configFile = writeConfig();
    }
    Agent agent =
        Agent.start(
            new AgentOptions(new StateDir(dir.resolve("state")), new HostPort("127.0.0.1", 0)));
    agents.add(agent);
    return agent;
  }

  private static AgentClient client(Agent agent) {
    return AgentClient.of(agent.url(), agent.stateDir().readToken().orElseThrow());
  }

  private RolloutView deploy(AgentClient client, String version) throws IOException {
    return client.deploy(
        app,
        new DeployBody(configFile.toString(), Files.readString(configFile), version, "it", ""),
        RolloutEventListener.none());
  }

  private RevisionView stable(AgentClient client) {
    AppView status = client.app(app);
    assertThat(status.stable()).as("%s has a stable revision", app).isNotNull();
    return status.stable();
  }

  private Path writeConfig() throws IOException {
    return Files.writeString(
        dir.resolve("relevo.yml"),
        """
        app: %s
        runtime:
          type: docker
          image: %s:{version}
          container_port: %d
          pull: never
          env: {HOST: 0.0.0.0}
          labels: {team: booking}
          memory: 256m
          stop_grace: 5s
        listen: 127.0.0.1:%d
        health:
          readiness: {path: /api/v1/healthz, interval: 250ms, timeout: 1s, retries: 4, start_period: 3s}
        smoke:
          - {path: /api/v1/accommodations, body_contains: city}
        proxy:
          drain_timeout: 5s
        rollback:
          keep_previous: 10m
          watch_after_promotion: 0s   # releases back to back here; the watch has its own tests
        """
            .formatted(app, DemoAppImage.REPOSITORY, DemoAppImage.PORT, listenPort));
  }

  /** No smoke check reads the app's pages: only the analysis of live traffic judges the canary. */
  private Path writeCanaryConfig() throws IOException {
    return Files.writeString(
        dir.resolve("relevo.yml"),
        """
        app: %s
        runtime:
          type: docker
          image: %s:{version}
          container_port: %d
          pull: never
          env: {HOST: 0.0.0.0}
          stop_grace: 5s
        listen: 127.0.0.1:%d
        health:
          readiness: {path: /api/v1/healthz, interval: 250ms, timeout: 1s, retries: 4, start_period: 3s}
        strategy:
          canary:
            steps: [{weight: 10}, {analysis: fast}, {weight: 100}]
        analysis:
          fast: {interval: 1s, count: 2, min_requests: 20, failure_limit: 0}
        proxy:
          drain_timeout: 5s
        """
            .formatted(app, DemoAppImage.REPOSITORY, DemoAppImage.PORT, listenPort));
  }

  private static Instant at(RolloutView rollout, String step) {
    return rollout.events().stream()
        .filter(e -> e.step().equals(step))
        .findFirst()
        .map(RolloutEventView::at)
        .orElseThrow(() -> new AssertionError("no " + step + " event in " + rollout.events()));
  }

  private List<Container> containers() {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of("io.relevo.app", app))
        .exec();
  }

  private Optional<InspectContainerResponse> container(String idOrName) {
    try {
      return Optional.of(docker.inspectContainerCmd(idOrName).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private String versionServed() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + listenPort + "/api/v1/accommodations"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.headers().firstValue("X-App-Version").orElse("none");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
