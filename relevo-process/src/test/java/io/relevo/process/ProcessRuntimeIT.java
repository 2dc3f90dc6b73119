package io.relevo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.relevo.core.RelevoException;
import io.relevo.core.config.AppConfig;
import io.relevo.core.config.RuntimeConfig;
import io.relevo.core.runtime.Instance;
import io.relevo.core.runtime.InstanceRecord;
import io.relevo.core.runtime.RevisionSpec;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRuntimeIT {

  private static final Duration GRACE = Duration.ofSeconds(5);

  @TempDir Path dir;

  private final ProcessRuntime runtime = ProcessRuntime.create();
  private final List<Instance> started = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    started.forEach(instance -> runtime.stop(instance, Duration.ofMillis(200)));
  }

  @Test
  void revisionServesHttpOnThePortItWasGiven() throws Exception {
    Instance instance =
        start(spec("sh", "-c", "exec python3 -m http.server \"$PORT\" --bind 127.0.0.1"));

    assertThat(instance.endpoint().host()).isEqualTo("127.0.0.1");
    HttpClient client = HttpClient.newHttpClient();
    URI uri = URI.create("http://" + instance.endpoint() + "/");
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .until(
            () ->
                client
                    .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode(),
            status -> status == 200);
  }

  @Test
  void versionIsReplacedInArgumentsAndEnvAndRelevoVariablesAreSet() {
    RevisionSpec spec =
        spec(
            config(
                List.of(
                    "sh",
                    "-c",
                    "echo \"arg=$0 greeting=$GREETING app=$RELEVO_APP revision=$RELEVO_REVISION"
                        + " version=$RELEVO_VERSION port=$PORT\"",
                    "app-{version}.jar"),
                null,
                Map.of("GREETING", "hello {version}")));
    Instance instance = start(spec);

    awaitExit(instance);
    assertThat(instance.logTail(1))
        .containsExactly(
            "arg=app-v2.jar greeting=hello v2 app=demo revision=3 version=v2 port="
                + instance.endpoint().port());
  }

  @Test
  void portGoesInTheConfiguredPortEnv() {
    RuntimeConfig runtime =
        new RuntimeConfig(
            null,
            List.of("sh", "-c", "echo \"http_port=$HTTP_PORT\""),
            "HTTP_PORT",
            null,
            null,
            null,
            null);
    Instance instance =
        start(spec(new AppConfig("demo", null, runtime, null, null, null, null, null, null, null)));

    awaitExit(instance);
    assertThat(instance.logTail(1)).containsExactly("http_port=" + instance.endpoint().port());
  }

  @Test
  void processRunsInTheWorkdirResolvedAgainstTheBaseDir() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("app/sub"));
    Instance instance =
        start(spec(config(List.of("sh", "-c", "pwd"), "sub", null), dir.resolve("app")));

    awaitExit(instance);
    assertThat(instance.logTail(1)).containsExactly(sub.toRealPath().toString());
  }

  @Test
  void missingWorkdirIsRefusedBeforeLaunch() {
    assertThatThrownBy(() -> runtime.start(spec(config(List.of("true"), "nope", null), dir)))
        .isInstanceOf(RelevoException.class)
        .hasMessageContaining("working directory " + dir.resolve("nope"))
        .hasMessageContaining("does not exist");
  }

  @Test
  void logFileGetsStdoutAndStderrAppendedUnderNewFolders() {
    Path log = dir.resolve("logs/deep/demo-3.log");
    RevisionSpec first =
        spec(
            config(List.of("sh", "-c", "echo to-stdout; echo to-stderr >&2"), null, null),
            dir,
            log);
    awaitExit(start(first));
    Instance second =
        start(spec(config(List.of("sh", "-c", "echo second-run"), null, null), dir, log));
    awaitExit(second);

    assertThat(second.logTail(100))
        .contains("to-stdout", "to-stderr", "second-run")
        .last()
        .isEqualTo("second-run");
  }

  @Test
  void logTailReturnsTheLastLinesOldestFirst() {
    Instance instance = start(spec("sh", "-c", "seq 1 20000"));

    awaitExit(instance);
    assertThat(instance.logTail(3)).containsExactly("19998", "19999", "20000");
  }

  @Test
  void processThatExitsAtOnceReportsItsExitCode() {
    Instance instance = start(spec("sh", "-c", "echo bye; exit 3"));

    awaitExit(instance);
    assertThat(instance.exitCode()).contains(3);
    assertThat(instance.logTail(1)).containsExactly("bye");
  }

  @Test
  void runningProcessHasNoExitCode() {
    Instance instance = start(spec("sleep", "30"));

    assertThat(instance.isAlive()).isTrue();
    assertThat(instance.exitCode()).isEmpty();
  }

  @Test
  void stopSendsSigtermFirst() {
    Instance instance =
        start(
            spec(
                "sh",
                "-c",
                "trap 'echo got TERM; exit 0' TERM; echo ready; while :; do sleep 0.1; done"));
    awaitLine(instance, "ready");

    runtime.stop(instance, GRACE);

    assertThat(instance.isAlive()).isFalse();
    assertThat(instance.logTail(10)).contains("got TERM");
    assertThat(instance.exitCode()).contains(0);
  }

  @Test
  void processIgnoringSigtermIsKilledAfterTheGrace() {
    Instance instance =
        start(spec("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.1; done"));
    awaitLine(instance, "ready");

    long begin = System.nanoTime();
    runtime.stop(instance, Duration.ofMillis(500));
    Duration took = Duration.ofNanos(System.nanoTime() - begin);

    assertThat(instance.isAlive()).isFalse();
    assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofSeconds(5));
    assertThat(instance.exitCode()).contains(137);
  }

  @Test
  void stopAlsoEndsTheChildrenOfAShellScript() throws Exception {
    Path childPid = dir.resolve("child.pid");
    Instance instance =
        start(spec("sh", "-c", "sleep 300 & echo $! > " + childPid + "; echo ready; wait"));
    awaitLine(instance, "ready");
    long child = Long.parseLong(Files.readString(childPid).trim());
    assertThat(ProcessHandle.of(child)).isPresent();

    runtime.stop(instance, GRACE);

    // An exited orphan may stay a zombie until PID 1 reaps it; it no longer runs.
    assertThat(ProcessHandle.of(child).filter(Liveness::isRunning)).isEmpty();
  }

  @Test
  void stoppingTwiceDoesNothingTheSecondTime() {
    Instance instance = start(spec("sleep", "30"));

    runtime.stop(instance, GRACE);
    runtime.stop(instance, GRACE);

    assertThat(instance.isAlive()).isFalse();
  }

  @Test
  void adoptFindsALiveProcessByItsRecord() {
    RevisionSpec spec = spec("sleep", "30");
    Instance original = start(spec);
    InstanceRecord record = original.record();
    assertThat(record.id()).isEqualTo(Long.toString(((ProcessInstance) original).handle().pid()));

    Instance adopted = runtime.adopt(spec, record).orElseThrow();

    assertThat(adopted.isAlive()).isTrue();
    assertThat(adopted.endpoint()).isEqualTo(original.endpoint());
    runtime.stop(adopted, GRACE);
    assertThat(adopted.isAlive()).isFalse();
    // The OS tells exit codes to parents only.
    assertThat(adopted.exitCode()).isEmpty();
  }

  @Test
  void adoptRejectsAPidWhoseStartTimeDiffers() {
    RevisionSpec spec = spec("sleep", "30");
    InstanceRecord record = start(spec).record();
    InstanceRecord reusedPid =
        new InstanceRecord(record.id(), record.host(), record.port(), record.startedAt() - 60_000);

    assertThat(runtime.adopt(spec, reusedPid)).isEmpty();
  }

  @Test
  void adoptFindsNothingForAProcessThatHasExited() {
    RevisionSpec spec = spec("true");
    Instance instance = start(spec);
    awaitExit(instance);

    assertThat(runtime.adopt(spec, instance.record())).isEmpty();
  }

  @Test
  void commandThatCannotBeFoundFailsWithACleanMessage() {
    RevisionSpec spec = spec("relevo-no-such-command", "-jar", "app-{version}.jar");

    assertThatThrownBy(() -> runtime.start(spec))
        .isInstanceOfSatisfying(
            RelevoException.class, e -> assertThat(e.kind()).isEqualTo(RelevoException.Kind.FAILED))
        .hasMessage(
            "cannot start revision 3 (v2): [relevo-no-such-command, -jar, app-v2.jar]:"
                + " No such file or directory")
        .hasNoCause();
  }

  @Test
  void commandThatIsNotExecutableFailsWithACleanMessage() throws Exception {
    Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\necho hi\n");

    assertThatThrownBy(() -> runtime.start(spec(script.toString())))
        .isInstanceOf(RelevoException.class)
        .hasMessage("cannot start revision 3 (v2): [" + script + "]: Permission denied");
  }

  private Instance start(RevisionSpec spec) {
    Instance instance = runtime.start(spec);
    started.add(instance);
    return instance;
  }

  private RevisionSpec spec(String... command) {
    return spec(config(List.of(command), null, null));
  }

  private RevisionSpec spec(AppConfig config) {
    return spec(config, dir);
  }

  private RevisionSpec spec(AppConfig config, Path baseDir) {
    return spec(config, baseDir, dir.resolve("logs/demo-3.log"));
  }

  private static RevisionSpec spec(AppConfig config, Path baseDir, Path log) {
    return new RevisionSpec("demo", 3, "v2", config, baseDir, log);
  }

  private static AppConfig config(List<String> command, String workdir, Map<String, String> env) {
    RuntimeConfig runtime = new RuntimeConfig(null, command, null, workdir, env, null, null);
    return new AppConfig("demo", null, runtime, null, null, null, null, null, null, null);
  }

  private static void awaitExit(Instance instance) {
    await().atMost(Duration.ofSeconds(10)).until(() -> !instance.isAlive());
  }

  private static void awaitLine(Instance instance, String line) {
    await().atMost(Duration.ofSeconds(10)).until(() -> instance.logTail(5).contains(line));
  }
}
