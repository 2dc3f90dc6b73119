package io.relevo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.routing.TrafficSplit.Backend;
import io.relevo.proxy.daemon.ProxyClient;
import io.relevo.proxy.daemon.ProxyDaemon;
import io.relevo.proxy.daemon.ProxyJvm;
import io.relevo.proxy.daemon.ProxyPaths;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy as a process of its own: its control socket, its routes file, its restarts. */
class ProxyDaemonIT {

  @TempDir Path state;

  private final List<Process> processes = new ArrayList<>();
  private final List<TestBackend> backends = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterEach
  void stopAll() {
    processes.forEach(Process::destroyForcibly);
    backends.forEach(TestBackend::close);
    http.close();
  }

  @Test
  void aProxyKilledWithSigkillAndStartedAgainServesTheLastSplitOnTheSamePortAtOnce()
      throws Exception {
    Process first = startDaemon();
    ProxyClient client = client();
    int port = client.listen("shop", new HostPort("127.0.0.1", 0), null);
    TestBackend r1 = backend(1);
    TestBackend r2 = backend(2);
    client.route(
        "shop",
        new TrafficSplit(
            List.of(new Backend(1, r1.endpoint(), 0), new Backend(2, r2.endpoint(), 100))));
    assertThat(get(port).headers().firstValue("X-Revision")).hasValue("2");

    first.destroyForcibly().waitFor();
    startDaemon();
    client.ping();

    assertThat(get(port).headers().firstValue("X-Revision")).hasValue("2");
    assertThat(client.current("shop").backends())
        .extracting(Backend::weight)
        .containsExactly(0, 100);
  }

  @Test
  void theRoutesFileKeepsEverySettingAsJacksonWritesIt() throws Exception {
    startDaemon();
    ProxyConfig settings =
        new ProxyConfig(Duration.ofSeconds(3), Duration.ofSeconds(7), Duration.ofMillis(250));
    client().open("shop", new HostPort("127.0.0.1", 0), settings);

    JsonNode saved =
        new ObjectMapper().readTree(new ProxyPaths(state).routes().toFile()).get("shop");
    assertThat(saved.get("settings").get("upstreamTimeout").asText()).isEqualTo("PT7S");
    assertThat(saved.get("settings").get("connectTimeout").asText()).isEqualTo("PT0.25S");
    assertThat(saved.get("port").asInt()).isPositive();
  }

  @Test
  void aFrontDoorOnABusyPortFailsWithTheSystemsReason() throws Exception {
    startDaemon();
    try (ServerSocket busy = new ServerSocket(0)) {
      HostPort listen = new HostPort("127.0.0.1", busy.getLocalPort());
      assertThatThrownBy(() -> client().open("shop", listen, ProxyConfig.defaults()))
          .isInstanceOf(RelevoException.class)
          .hasMessageContaining("Address already in use")
          .extracting(e -> ((RelevoException) e).kind())
          .isEqualTo(RelevoException.Kind.UNAVAILABLE);
    }
    assertThat(Files.exists(new ProxyPaths(state).routes())).isFalse();
  }

  @Test
  void oneAnswerCarriesTheCountersOfEveryRevisionAndTheSocketIsPrivate() throws Exception {
    startDaemon();
    ProxyClient client = client();
    int port = client.listen("shop", new HostPort("127.0.0.1", 0), null);
    TestBackend r1 = backend(1);
    client.route("shop", TrafficSplit.all(1, r1.endpoint()));
    for (int i = 0; i < 3; i++) {
      assertThat(get(port).statusCode()).isEqualTo(200);
    }

    assertThat(client.snapshot("shop", 1).status2xx()).isEqualTo(3);
    assertThat(client.snapshot("shop", 2).requests()).isZero();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(new ProxyPaths(state).socket())))
        .isEqualTo("rw-------");
  }

  @Test
  void aStandbyServesInPlaceOfAProxyKilledWithSigkillAndEndsWithAProxyStoppedOnPurpose()
      throws Exception {
    Process serving = startDaemon();
    ProxyClient client = client();
    int port = client.listen("shop", new HostPort("127.0.0.1", 0), null);
    client.route("shop", TrafficSplit.all(1, backend(1).endpoint()));
    Process standby = startDaemon(ProxyDaemon.STANDBY);
    Path standbyFile = new ProxyPaths(state).standbyFile();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(standbyFile));
    Thread.sleep(200); // its watch connection is open

    long start = System.nanoTime();
    serving.destroyForcibly();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> served(port));
    System.out.printf(
        "standby serving %d ms after the proxy was killed%n",
        (System.nanoTime() - start) / 1_000_000);

    assertThat(client.ping().pid()).isEqualTo(standby.pid());
    Process second = startDaemon(ProxyDaemon.STANDBY);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(standbyFile));
    Thread.sleep(200);
    client.stopProcess();
    assertThat(second.waitFor(10, java.util.concurrent.TimeUnit.SECONDS))
        .as("a standby ends with a proxy stopped on purpose")
        .isTrue();
  }

  @Test
  void aProxyThatEndsIdleTakesItsStandbyWithItInsteadOfBeingServedInPlace() throws Exception {
    Process serving = startDaemon(); // no front door, no agent: it ends after its idle time
    Path standbyFile = new ProxyPaths(state).standbyFile();
    Process standby = startDaemon(ProxyDaemon.STANDBY);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(standbyFile));

    assertThat(serving.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
        .as("the idle proxy ends")
        .isTrue();
    assertThat(standby.waitFor(10, java.util.concurrent.TimeUnit.SECONDS))
        .as("its standby ends with it (it did take over, then idled for as long again)")
        .isTrue();
    assertThat(Files.readString(state.resolve("proxy.log"))).doesNotContain("serving in its place");
  }

  @Test
  void plannedRestartsUnderLoadLoseNoRequest() throws Exception {
    Process old = startDaemon();
    ProxyClient client = client();
    int port =
        client.listen(
            "shop",
            new HostPort("127.0.0.1", 0),
            new ProxyConfig(Duration.ofSeconds(3), null, null));
    client.route("shop", TrafficSplit.all(1, backend(1).endpoint()));
    try (Load load = Load.start(port, 4)) {
      for (int i = 0; i < 3; i++) {
        Thread.sleep(300);
        Process next = startDaemon(ProxyDaemon.TAKE_OVER);
        assertThat(old.waitFor(20, java.util.concurrent.TimeUnit.SECONDS))
            .as("the old proxy process retires and exits")
            .isTrue();
        assertThat(client.ping().pid()).isEqualTo(next.pid());
        old = next;
      }
      Thread.sleep(300);
      load.stop();
      assertThat(load.failures())
          .as("failed requests of %d: %s", load.sent(), load.firstFailure())
          .isZero();
      assertThat(load.sent()).isGreaterThan(50);
    }
  }

  @Test
  void aPlannedRestartOfAnIoUringProcessLosesNoRequestAndTheNewOneAdoptsTheSocketsOnEpoll()
      throws Exception {
    assumeTrue(Transport.available().contains(Transport.IO_URING), "io_uring does not load here");
    Map<String, String> ioUring = Map.of(Transport.ENV, Transport.IO_URING);
    Process old = startDaemon(ioUring);
    ProxyClient client = client();
    int port = client.listen("shop", new HostPort("127.0.0.1", 0), ProxyConfig.defaults());
    client.route("shop", TrafficSplit.all(1, backend(1).endpoint()));
    try (Load load = Load.start(port, 4)) {
      Thread.sleep(300);
      Process next = startDaemon(ioUring, ProxyDaemon.TAKE_OVER);
      assertThat(old.waitFor(20, java.util.concurrent.TimeUnit.SECONDS))
          .as("the old proxy process retires and exits")
          .isTrue();
      assertThat(client.ping().pid()).isEqualTo(next.pid());
      Thread.sleep(300);
      load.stop();
      assertThat(load.failures())
          .as("failed requests of %d: %s", load.sent(), load.firstFailure())
          .isZero();
    }
    assertThat(Files.readString(state.resolve("proxy.log")))
        .contains("proxy transport: io_uring (set by RELEVO_PROXY_TRANSPORT)")
        .contains(
            "proxy transport: epoll (io_uring cannot adopt the listening sockets taken over)");
  }

  private Process startDaemon(String... extra) throws IOException {
    return startDaemon(Map.of(), extra);
  }

  private Process startDaemon(Map<String, String> env, String... extra) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ProxyJvm.OPTIONS); // as the agent starts it
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ProxyDaemon.class.getName(),
            state.toString()));
    command.addAll(List.of(extra));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("proxy.log").toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private boolean served(int port) {
    try {
      return get(port).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private ProxyClient client() {
    return new ProxyClient(new ProxyPaths(state).socket(), Duration.ofSeconds(20));
  }

  private TestBackend backend(int revision) {
    TestBackend backend = TestBackend.start(revision);
    backends.add(backend);
    return backend;
  }

  private HttpResponse<String> get(int port) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
