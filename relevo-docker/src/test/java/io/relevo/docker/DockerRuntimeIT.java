package io.relevo.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.relevo.core.RelevoException;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerRuntimeIT {

  private static final String APP = "relevo-it";
  private static final int CONTAINER_PORT = 8080;
  private static final TestRuntime WEB =
      TestRuntime.of(TestImages.WEB, CONTAINER_PORT)
          .withPull(io.relevo.core.config.DockerConfig.Pull.NEVER);

  @TempDir static Path imageDir;
  @TempDir Path dir;

  private static DockerHost host;
  private static Engine engine;

  private final List<Instance> started = new ArrayList<>();
  private final List<DockerRuntime> runtimes = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void buildImage() throws Exception {
    host = DockerEngineCheck.requireEngine();
    engine = Engine.connect(host);
    TestImages.buildWeb(engine.client(), imageDir);
  }

  @AfterAll
  static void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @AfterEach
  void stopEverything() {
    DockerRuntime runtime = runtime(WEB);
    started.forEach(instance -> runtime.stop(instance, Duration.ofMillis(200)));
    runtimes.forEach(DockerRuntime::close);
  }

  @Test
  void startedRevisionServesHttpOnAFreeLoopbackPort() throws Exception {
    Instance instance = start(runtime(WEB), spec(1, "v1"));

    assertThat(instance.endpoint().host()).isEqualTo("127.0.0.1");
    assertThat(instance.record().id()).isEqualTo(instance.record().id().strip()).hasSize(64);
    assertThat(awaitHealthz(instance)).isEqualTo(200);
    assertThat(get(instance, "/cgi-bin/healthz").body()).isEqualTo("ok v1\n");
  }

  @Test
  void healthEndpointFailsWhenTheEnvironmentSaysSo() throws Exception {
    Instance instance = start(runtime(WEB.withEnv(Map.of("FAIL_HEALTH", "yes"))), spec(2, "v2"));

    assertThat(awaitHealthz(instance)).isEqualTo(503);
  }

  @Test
  void containerIsNamedAndLabelledSoDockerPsTellsAppRevisionAndVersion() {
    TestRuntime settings = WEB.withLabels(Map.of("team", "payments", "build", "b-{version}"));
    Instance instance = start(runtime(settings), spec(3, "v3"));

    InspectContainerResponse container =
        engine.client().inspectContainerCmd(instance.record().id()).exec();
    assertThat(container.getName()).isEqualTo("/relevo-" + APP + "-r3");
    assertThat(container.getConfig().getLabels())
        .containsEntry("io.relevo.app", APP)
        .containsEntry("io.relevo.revision", "3")
        .containsEntry("io.relevo.version", "v3")
        .containsEntry("team", "payments")
        .containsEntry("build", "b-v3");
    assertThat(container.getConfig().getEnv())
        .contains("PORT=8080", "RELEVO_APP=" + APP, "RELEVO_REVISION=3", "RELEVO_VERSION=v3");
    Ports.Binding[] bindings =
        container.getHostConfig().getPortBindings().getBindings().get(ExposedPort.tcp(8080));
    assertThat(bindings).hasSize(1);
    assertThat(bindings[0].getHostIp()).isEqualTo("127.0.0.1");
    assertThat(bindings[0].getHostPortSpec())
        .isEqualTo(Integer.toString(instance.endpoint().port()));
  }

  @Test
  void stopSendsTheStopSignalAndRemovesTheContainerKeepingItsExitCodeAndLog() {
    DockerRuntime runtime = runtime(WEB);
    Instance instance = start(runtime, spec(4, "v4"));
    awaitHealthz(instance);

    long begin = System.nanoTime();
    runtime.stop(instance, Duration.ofSeconds(10));

    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    assertThat(instance.isAlive()).isFalse();
    assertThat(instance.exitCode()).contains(0);
    assertThat(instance.logTail(5)).contains("stopping");
    assertThat(engine.inspect(instance.record().id())).isEmpty();
    runtime.stop(instance, Duration.ofSeconds(10)); // idempotent
  }

  @Test
  void stopKillsAContainerThatIgnoresTheSignalOnceTheGraceIsOver() {
    TestRuntime stubborn =
        WEB.withCommand(
            List.of(
                "/bin/sh",
                "-c",
                "trap 'echo ignoring TERM' TERM; echo up; while :; do sleep 0.1; done"));
    DockerRuntime runtime = runtime(stubborn);
    Instance instance = start(runtime, spec(5, "v5"));
    await().atMost(Duration.ofSeconds(5)).until(() -> instance.logTail(1).contains("up"));

    long begin = System.nanoTime();
    runtime.stop(instance, Duration.ofSeconds(1));

    assertThat(Duration.ofNanos(System.nanoTime() - begin))
        .isBetween(Duration.ofMillis(900), Duration.ofSeconds(8));
    assertThat(instance.exitCode()).contains(137);
    assertThat(instance.logTail(10)).contains("ignoring TERM");
  }

  @Test
  void configuredStopSignalIsTheOneSent() {
    TestRuntime usr1 =
        WEB.withCommand(
                List.of(
                    "/bin/sh",
                    "-c",
                    "trap 'echo got USR1; exit 7' USR1; echo up; while :; do sleep 0.1; done"))
            .withStop("SIGUSR1", Duration.ofSeconds(5));
    DockerRuntime runtime = runtime(usr1);
    Instance instance = start(runtime, spec(6, "v6"));
    await().atMost(Duration.ofSeconds(5)).until(() -> instance.logTail(1).contains("up"));

    runtime.stop(instance, Duration.ofSeconds(5));

    assertThat(instance.exitCode()).contains(7);
    assertThat(instance.logTail(1)).containsExactly("got USR1");
  }

  @Test
  void logTailReturnsTheLastLinesOfStdoutAndStderrOldestFirst() {
    TestRuntime chatty =
        WEB.withCommand(
            List.of(
                "/bin/sh",
                "-c",
                // Docker copies stdout and stderr apart: lines of both written within
                // milliseconds may be logged in either order, hence the pause.
                "echo oops >&2; sleep 0.3; i=1; while [ $i -le 50 ]; do echo line $i;"
                    + " i=$((i+1)); done; exec sleep 60"));
    Instance instance = start(runtime(chatty), spec(7, "v7"));

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(instance.logTail(3)).containsExactly("line 48", "line 49", "line 50"));
    assertThat(instance.logTail(51)).startsWith("oops", "line 1");
    assertThat(instance.logTail(0)).isEmpty();
  }

  @Test
  void restartedAgentAdoptsTheRunningContainerByItsRecordAndReportsStrays() throws Exception {
    DockerRuntime before = runtime(WEB);
    Instance original = start(before, spec(8, "v8"));
    Instance stray = start(before, spec(9, "v9"));
    awaitHealthz(original);
    InstanceRecord record = original.record();
    before.close();

    DockerRuntime after = runtime(WEB);
    Instance adopted = after.adopt(spec(8, "v8"), record).orElseThrow();

    assertThat(adopted.endpoint()).isEqualTo(original.endpoint());
    assertThat(adopted.isAlive()).isTrue();
    assertThat(get(adopted, "/cgi-bin/healthz").body()).isEqualTo("ok v8\n");
    assertThat(after.adopt(spec(99, "v8"), record)).as("a record of another revision").isEmpty();
    assertThat(after.strays(APP, List.of(record)))
        .extracting(StrayContainer::name, StrayContainer::revision, StrayContainer::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("relevo-" + APP + "-r9", "9", "v9"));
    assertThat(engine.inspect(stray.record().id()).map(DockerInstance::running))
        .as("a stray is reported, not stopped")
        .contains(true);

    after.stop(adopted, Duration.ofSeconds(5));
    assertThat(after.adopt(spec(8, "v8"), record)).as("a stopped revision").isEmpty();
  }

  @Test
  void unknownImageWithPullNeverIsRefusedWithTheImageAndTheFix() {
    DockerRuntime runtime =
        runtime(
            TestRuntime.of("relevo-it/absent:{version}", 8080)
                .withPull(io.relevo.core.config.DockerConfig.Pull.NEVER));

    assertThatThrownBy(() -> start(runtime, spec(10, "v10")))
        .isInstanceOfSatisfying(
            RelevoException.class,
            e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.BAD_INPUT))
        .hasMessageContaining("image relevo-it/absent:v10 not found on the Docker engine at ")
        .hasMessageContaining("runtime.pull is never");
  }

  @Test
  void containerThatExitsAtStartIsReportedWithItsExitCodeAndLastLogLines() {
    TestRuntime broken =
        WEB.withCommand(
            List.of(
                "/bin/sh", "-c", "echo booting; echo 'config /etc/app.yml missing' >&2; exit 3"));
    DockerRuntime runtime = runtime(broken);

    assertThatThrownBy(() -> start(runtime, spec(11, "v11")))
        .isInstanceOfSatisfying(
            RelevoException.class, e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.FAILED))
        .hasMessageContaining("container relevo-" + APP + "-r11 exited at start with code 3")
        .hasMessageContaining("booting")
        .hasMessageContaining("config /etc/app.yml missing");
    assertThat(engine.inspect("relevo-" + APP + "-r11")).as("nothing left behind").isEmpty();
    assertThat(dir.resolve("r11.log"))
        .as("the revision's log keeps what the removed container wrote")
        .content()
        .contains(
            "started container relevo-" + APP + "-r11", "booting", "config /etc/app.yml missing");
  }

  @Test
  void containerOutputReachesTheRevisionLogOnceAndInOrderAcrossAnAdoption() throws Exception {
    TestRuntime ticking =
        WEB.withCommand(
            List.of(
                "/bin/sh", "-c", "i=1; while :; do echo tick $i; i=$((i+1)); sleep 0.05; done"));
    Path logFile = dir.resolve("r13.log");
    DockerRuntime before = runtime(ticking);
    Instance original = start(before, spec(13, "v13"));
    await().atMost(Duration.ofSeconds(5)).until(() -> ticks(logFile) >= 5);
    before.close(); // the agent goes away; the container ticks on with nobody copying
    Thread.sleep(500);

    DockerRuntime after = runtime(ticking);
    Instance adopted = after.adopt(spec(13, "v13"), original.record()).orElseThrow();
    int seenAtAdoption = ticks(logFile);
    await().atMost(Duration.ofSeconds(5)).until(() -> ticks(logFile) >= seenAtAdoption + 10);
    after.stop(adopted, Duration.ofMillis(200));

    List<String> lines = Files.readAllLines(logFile);
    assertThat(lines.get(0))
        .startsWith("--- relevo ")
        .contains("started container relevo-" + APP + "-r13");
    List<String> ticks = lines.subList(1, lines.size());
    assertThat(ticks).hasSizeGreaterThan(seenAtAdoption + 10);
    for (int i = 0; i < ticks.size(); i++) {
      assertThat(ticks.get(i)).as("line %d of %s", i + 2, logFile).isEqualTo("tick " + (i + 1));
    }
  }

  private static int ticks(Path logFile) throws java.io.IOException {
    return Files.exists(logFile)
        ? (int) Files.readAllLines(logFile).stream().filter(l -> l.startsWith("tick ")).count()
        : 0;
  }

  @Test
  void hostPortInUseIsReportedWithThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      DockerRuntime runtime = runtime(WEB.withHostPort(port));

      assertThatThrownBy(() -> start(runtime, spec(12, "v12")))
          .isInstanceOfSatisfying(
              RelevoException.class,
              e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.CONFLICT))
          .hasMessageContaining("port 127.0.0.1:" + port + " is in use");
    }
  }

  private DockerRuntime runtime(TestRuntime settings) {
    DockerRuntime runtime = DockerRuntime.create(spec -> settings.config(), host);
    runtimes.add(runtime);
    return runtime;
  }

  private Instance start(DockerRuntime runtime, RevisionSpec spec) {
    Instance instance = runtime.start(spec);
    started.add(instance);
    return instance;
  }

  private RevisionSpec spec(int revision, String version) {
    // The Docker runtime reads its settings, not the app config: null keeps these tests apart
    // from the config model's changes.
    return new RevisionSpec(
        APP, revision, version, null, dir, dir.resolve("r" + revision + ".log"));
  }

  private int awaitHealthz(Instance instance) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> get(instance, "/cgi-bin/healthz").statusCode(), status -> status > 0);
  }

  private HttpResponse<String> get(Instance instance, String path) throws Exception {
    URI uri = URI.create("http://" + instance.endpoint() + path);
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
